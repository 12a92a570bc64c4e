namespace RlGym.Core.Wrappers;

/// <summary>Makes stepping or rendering before the first reset an error (gymnasium.wrappers.OrderEnforcing).</summary>
public sealed class OrderEnforcing<TObs, TAction>(IEnv<TObs, TAction> inner) : Wrapper<TObs, TAction>(inner)
    where TObs : notnull
    where TAction : notnull
{
    /// <summary>True once <c>Reset</c> has been called.</summary>
    public bool HasReset { get; private set; }

    /// <inheritdoc />
    public override ResetResult<TObs> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        var result = Inner.Reset(seed, options);
        HasReset = true;
        return result;
    }

    /// <inheritdoc />
    public override StepResult<TObs> Step(TAction action) =>
        HasReset ? Inner.Step(action) : throw new ResetNeededException("Cannot call step before reset: call Reset() first.");

    /// <inheritdoc />
    public override Rendering.Rendering? Render() =>
        HasReset ? Inner.Render() : throw new ResetNeededException("Cannot call render before reset: call Reset() first.");
}
