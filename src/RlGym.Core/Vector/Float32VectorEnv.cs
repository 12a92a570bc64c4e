using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;

namespace RlGym.Core.Vector;

/// <summary>
/// What the fast vector environments (fast CPU, GPU) share: the host copy of every copy's state, generator and
/// step counter, seeding and <c>reset_mask</c>, action checks, and the result buffers. A subclass supplies only
/// <see cref="StepBatch"/> (and, for a device, the transfers around a reset).
/// </summary>
/// <remarks>
/// Semantics: Gymnasium's vector API with next-step autoreset and the registered time limit, per-copy generators
/// (<c>Reset(seed)</c> seeds copy i with <c>seed + i</c>). The dynamics are float32 (<see cref="IFastDynamics{TState, TObs, TAction}"/>;
/// Breakout's are all-integer) and the generator is <see cref="FastRandom"/>, so results are statistically equivalent
/// to Gymnasium's, not seed-identical: use the exact variants (<c>vectorization: soa</c>) to reproduce Gymnasium's numbers.
/// The name says what the five classic-control envs it was written for are; the observation element type
/// (<typeparamref name="TObsElement"/>) lets the same framework batch Breakout's boolean grid.
/// <para>Buffers: <c>Reset</c> and <c>Step</c> return this environment's own arrays, overwritten by the next call
/// (Gymnasium's <c>copy=False</c>). Stepping allocates nothing.</para>
/// </remarks>
/// <typeparam name="TDynamics">The per-element dynamics.</typeparam>
/// <typeparam name="TState">Per-copy state.</typeparam>
/// <typeparam name="TObs">Per-copy observation: an unmanaged struct of <typeparamref name="TObsElement"/> laid out as the observation space.</typeparam>
/// <typeparam name="TObsElement">
/// The observation's element type, that of its batch (<c>float</c> for a float32 Box, <c>bool</c> for a bool Box):
/// the batch is a flat <typeparamref name="TObsElement"/>[] read as one <typeparamref name="TObs"/> per copy.
/// </typeparam>
/// <typeparam name="TAction">Per-copy action: <c>int</c> (Discrete) or <c>float</c> (one-element Box).</typeparam>
public abstract class Float32VectorEnv<TDynamics, TState, TObs, TObsElement, TAction> : VectorEnv<TObsElement[], TAction[]>
    where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
    where TState : unmanaged
    where TObs : unmanaged
    where TObsElement : unmanaged
    where TAction : unmanaged
{
    private static readonly IReadOnlyDictionary<string, object> EmptyInfo = ReadOnlyDictionary<string, object>.Empty;


    /// <summary>Sets up <paramref name="numEnvs"/> copies with the spaces and metadata of <paramref name="prototype"/>.</summary>
    /// <param name="numEnvs">Number of copies (at least 1).</param>
    /// <param name="dynamics">The per-element dynamics (carrying the env's kwargs).</param>
    /// <param name="prototype">A scalar environment of the same kind: its spaces and metadata are the copies'.</param>
    /// <param name="autoresetMode">Must be <see cref="AutoresetMode.NextStep"/>, the only mode these variants implement.</param>
    /// <param name="maxEpisodeSteps">Steps after which an episode is truncated; null for no limit.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    protected Float32VectorEnv(int numEnvs, TDynamics dynamics, IEnv prototype, AutoresetMode autoresetMode, int? maxEpisodeSteps, EnvSpec? spec)
        : base(numEnvs, prototype, autoresetMode, spec)
    {
        if (maxEpisodeSteps is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEpisodeSteps), maxEpisodeSteps, "max_episode_steps must be positive, or null for no time limit.");
        }

        if (autoresetMode != AutoresetMode.NextStep)
        {
            throw new ArgumentException(
                $"The fast / gpu variants autoreset next-step only; got {autoresetMode}. Use vectorization 'soa' for same-step or disabled autoreset.",
                nameof(autoresetMode));
        }

        Dynamics = dynamics;
        ObservationSize = SingleObservationSpace.Shape.Aggregate(1, (a, b) => a * b);
        if (ObservationSize * Unsafe.SizeOf<TObsElement>() != Unsafe.SizeOf<TObs>())
        {
            throw new ArgumentException(
                $"{typeof(TObs).Name} holds {Unsafe.SizeOf<TObs>() / Unsafe.SizeOf<TObsElement>()} {typeof(TObsElement).Name} elements, the observation space {SingleObservationSpace} {ObservationSize}.");
        }

        if (ActionSize != 1)
        {
            throw new ArgumentException($"The fast / gpu variants take one action element per copy; {SingleActionSpace} has {ActionSize}.");
        }

        MaxEpisodeSteps = maxEpisodeSteps ?? 0;
        States = new TState[numEnvs];
        Randoms = new FastRandom[numEnvs];
        for (var i = 0; i < numEnvs; i++)
        {
            Randoms[i] = FastRandom.FromEntropy();
        }

        Elapsed = new int[numEnvs];
        Observations = new TObsElement[numEnvs * ObservationSize];
        Rewards = new double[numEnvs];
        Terminations = new bool[numEnvs];
        Truncations = new bool[numEnvs];
    }

    /// <summary>The per-element dynamics.</summary>
    protected TDynamics Dynamics { get; }

    /// <summary>Steps after which an episode is truncated; 0 for no limit.</summary>
    protected int MaxEpisodeSteps { get; }

    /// <summary>Elements of one copy's observation.</summary>
    protected int ObservationSize { get; }

    /// <summary>Every copy's state (on the host; a device variant mirrors it around resets only).</summary>
    protected TState[] States { get; }

    /// <summary>Every copy's generator.</summary>
    protected FastRandom[] Randoms { get; }

    /// <summary>Every copy's step counter, <see cref="FastAutoreset.Ended"/> after its episode ended.</summary>
    protected int[] Elapsed { get; }

    /// <summary>The observation batch, copy index first.</summary>
    protected TObsElement[] Observations { get; }

    /// <summary>The observation batch seen as one <typeparamref name="TObs"/> per copy.</summary>
    protected Span<TObs> ObservationStructs => MemoryMarshal.Cast<TObsElement, TObs>(Observations.AsSpan());

    /// <summary>The reward batch.</summary>
    protected double[] Rewards { get; }

    /// <summary>The termination flags.</summary>
    protected bool[] Terminations { get; }

    /// <summary>The truncation flags.</summary>
    protected bool[] Truncations { get; }

    /// <inheritdoc />
    public override VectorResetResult<TObsElement[]> Reset(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        VectorSeeds.RequireOnePerCopy(seeds, NumEnvs);

        var (mask, rest) = ResetMask.Split(options, NumEnvs);
        if (rest is { Count: > 0 })
        {
            throw new ArgumentException(
                $"The fast / gpu variants take no reset options but {ResetMask.OptionName}; got {string.Join(", ", rest.Keys)}. Use vectorization 'soa' for the scalar env's options.");
        }

        BeforeReset();
        var observations = ObservationStructs;
        for (var i = 0; i < NumEnvs; i++)
        {
            if (mask is not null && !mask[i])
            {
                continue;
            }

            if (seeds[i] is { } s)
            {
                Randoms[i] = FastRandom.FromSeed(s);
            }

            States[i] = Dynamics.Reset(ref Randoms[i]);
            Dynamics.Observe(States[i], out observations[i]);
            Elapsed[i] = 0;
            MarkStarted(i);
        }

        AfterReset();
        return new(Observations, new Dictionary<string, object>());
    }

    /// <inheritdoc />
    public override VectorStepResult<TObsElement[]> Step(TAction[] actions)
    {
        RequireSteppable(actions);
        StepBatch(actions);
        return new(Observations, Rewards, Terminations, Truncations, EmptyInfo);
    }

    /// <summary>
    /// Steps every copy with <see cref="FastAutoreset.StepCopy"/> semantics and fills <see cref="Observations"/>,
    /// <see cref="Rewards"/>, <see cref="Terminations"/> and <see cref="Truncations"/>. The actions are checked.
    /// </summary>
    protected abstract void StepBatch(TAction[] actions);

    /// <summary>Called before a reset changes the host state: a device variant copies its state to the host here.</summary>
    protected virtual void BeforeReset()
    {
    }

    /// <summary>Called after a reset changed the host state: a device variant copies it to the device here.</summary>
    protected virtual void AfterReset()
    {
    }
}
