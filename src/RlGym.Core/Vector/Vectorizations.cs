namespace RlGym.Core.Vector;

/// <summary>
/// The ways a registered id can be batched (the <c>vectorization</c> of <c>make_vec</c>). Every id has
/// <see cref="Sync"/> and <see cref="Parallel"/>; the others exist where the id's registration provides them
/// (<c>EnvRegistry.RegisterVector</c>, <c>EnvRegistry.RegisterFastDynamics</c>).
/// </summary>
public static class Vectorizations
{
    /// <summary>The structure-of-arrays variant when one exists for the id, otherwise <see cref="Sync"/>.</summary>
    public const string Auto = "auto";

    /// <summary>Copies of the scalar environment, stepped one after another on one thread.</summary>
    public const string Sync = "sync";

    /// <summary>Copies of the scalar environment, stepped on all cores.</summary>
    public const string Parallel = "parallel";

    /// <summary>The exact batched variant: equal to <see cref="Sync"/> copy for copy, bit for bit.</summary>
    public const string Soa = "soa";

    /// <summary>Gymnasium's own vector entry point, where its semantics differ from copies (CartPole: one shared generator).</summary>
    public const string Gymnasium = "gymnasium";

    /// <summary>
    /// The float32 variant (the per-element function the GPU kernel runs), next-step autoreset only: statistically
    /// equivalent to the exact variants, not seed-identical.
    /// </summary>
    public const string Fast = "fast";

    /// <summary>The vectorizations a registration can add, in the order they are listed.</summary>
    public static IReadOnlyList<string> Registrable { get; } = [Soa, Gymnasium, Fast];
}
