using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace BrokenPlugins;

/// <summary>
/// A counter environment that breaks exactly one rule of the environment contract (<see cref="Flaw"/>), so
/// <c>rlgym check</c> and the plugin loader can be shown to catch it. Observation <c>Box(0, 100, (1,), float32)</c>
/// (a position), action <c>Discrete(2)</c> (0 stay, 1 advance), reward 1 per advance, terminated at 100.
/// </summary>
public sealed class FlawedEnv : Env<float[], int>
{
    private readonly Flaw _flaw;
    private float _position;
    private int _steps;

    /// <summary>An environment with <paramref name="flaw"/>.</summary>
    public FlawedEnv(Flaw flaw, string? renderMode)
        : base(new Box<float>(0, 100, [1]), new Discrete(2), new EnvMetadata([RenderModes.RgbArray], 4), renderMode)
    {
        _flaw = flaw;
    }

    /// <inheritdoc />
    protected override ResetResult<float[]> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        _steps = 0;
#pragma warning disable CA5394 // Deliberately insecure and unseeded: this flaw is what the checker must catch.
        _position = _flaw == Flaw.IgnoresSeed ? System.Random.Shared.Next(0, 50) : (float)NpRandom.Integers(0, 10);
#pragma warning restore CA5394
        return new([_flaw == Flaw.ObservationOutsideSpace ? -5f : _position], Info());
    }

    /// <inheritdoc />
    public override StepResult<float[]> Step(int action)
    {
        if (_flaw != Flaw.AcceptsInvalidAction)
        {
            RequireValidAction(action);
        }

        _steps++;
        _position = Math.Min(100, _position + (action == 1 ? 1 : 0));
        var observation = _flaw == Flaw.NaNObservation ? float.NaN : _position;
        return new([observation], action == 1 ? 1 : 0, _position >= 100, _flaw == Flaw.OwnTimeLimit && _steps >= 10, Info());
    }

    /// <inheritdoc />
    public override Rendering? Render() => RenderMode == RenderModes.RgbArray
        ? (_flaw == Flaw.BadFrame ? new RgbFrame(2, 2 + _steps, new byte[2 * (2 + _steps) * 3]) : new RgbFrame(2, 2, new byte[12]))
        : null;

    private Dictionary<string, object> Info() => _flaw == Flaw.UnsendableInfo
        ? new() { ["id"] = Guid.Empty }
        : new() { ["steps"] = (long)_steps };
}
