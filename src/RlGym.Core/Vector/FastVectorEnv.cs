using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;

namespace RlGym.Core.Vector;

/// <summary>
/// The fast CPU variant (<c>vectorization: fast</c>): every copy stepped with the per-element
/// <see cref="FastAutoreset.StepCopy"/> (the same function the GPU kernel runs), split across cores (the calling thread and thread-pool helpers) in chunks of
/// <see cref="ChunkSize"/> copies. Every classic-control environment overrides the loop with SIMD (SimdFastVectorEnv in RlGym.Environments: AVX-512, else AVX).
/// </summary>
/// <typeparam name="TDynamics">The per-element dynamics.</typeparam>
/// <typeparam name="TState">Per-copy state.</typeparam>
/// <typeparam name="TObs">Per-copy observation.</typeparam>
/// <typeparam name="TObsElement">The observation's element type (<c>float</c>, or <c>bool</c> for Breakout).</typeparam>
/// <typeparam name="TAction">Per-copy action.</typeparam>
public class FastVectorEnv<TDynamics, TState, TObs, TObsElement, TAction> : Float32VectorEnv<TDynamics, TState, TObs, TObsElement, TAction>
    where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
    where TState : unmanaged
    where TObs : unmanaged
    where TObsElement : unmanaged
    where TAction : unmanaged
{
    /// <summary>Copies per parallel chunk; batches no larger than this run on the calling thread.</summary>
    public const int ChunkSize = 2048;

    private readonly ChunkedLoop _loop;
    private TAction[] _actions = [];

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="dynamics">The per-element dynamics (carrying the env's kwargs).</param>
    /// <param name="prototype">A scalar environment of the same kind: its spaces and metadata are the copies'.</param>
    /// <param name="autoresetMode">Must be next-step.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy, null for none.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public FastVectorEnv(int numEnvs, TDynamics dynamics, IEnv prototype, AutoresetMode autoresetMode, int? maxEpisodeSteps, EnvSpec? spec)
        : base(numEnvs, dynamics, prototype, autoresetMode, maxEpisodeSteps, spec)
    {
        _loop = new ChunkedLoop(
            (numEnvs + ChunkSize - 1) / ChunkSize,
            chunk => StepRange(chunk * ChunkSize, Math.Min(NumEnvs, (chunk + 1) * ChunkSize), _actions));
    }

    /// <inheritdoc />
    protected sealed override void StepBatch(TAction[] actions)
    {
        _actions = actions;
        try
        {
            _loop.Run();
        }
        finally
        {
            _actions = [];
        }
    }

    /// <inheritdoc />
    protected override void Release() => _loop.Dispose();

    /// <summary>Steps copies <paramref name="start"/> to <paramref name="end"/> (exclusive); runs concurrently on disjoint ranges.</summary>
    protected virtual void StepRange(int start, int end, TAction[] actions)
    {
        StepScalar(start, end, actions);
    }

    /// <summary>The reference loop: <see cref="FastAutoreset.StepCopy"/> per copy.</summary>
    protected void StepScalar(int start, int end, TAction[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var (dynamics, states, randoms, elapsed, limit) = (Dynamics, States, Randoms, Elapsed, MaxEpisodeSteps);
        var observations = ObservationStructs;
        var (rewards, terminations, truncations) = (Rewards, Terminations, Truncations);
        for (var i = start; i < end; i++)
        {
            FastAutoreset.StepCopy(
                dynamics, ref states[i], actions[i], ref randoms[i], ref elapsed[i], limit,
                out observations[i], out var reward, out terminations[i], out truncations[i]);
            rewards[i] = reward;
        }
    }
}
