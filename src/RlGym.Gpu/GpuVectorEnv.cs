using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.Fast;

namespace RlGym.Gpu;

/// <summary>
/// A vector environment whose copies live on an ILGPU accelerator: one kernel launch steps every copy, autoreset
/// (next-step) included, with the per-element function of the fast CPU variant; each step uploads the actions and
/// copies observations, rewards and flags back. Resets run on the host (the same reset function) and upload the state.
/// </summary>
/// <typeparam name="TDynamics">The per-element dynamics.</typeparam>
/// <typeparam name="TState">Per-copy state.</typeparam>
/// <typeparam name="TObs">Per-copy observation.</typeparam>
/// <typeparam name="TObsElement">The observation's element type (<c>float</c>, or <c>bool</c> for Breakout).</typeparam>
/// <typeparam name="TAction">Per-copy action.</typeparam>
public sealed class GpuVectorEnv<TDynamics, TState, TObs, TObsElement, TAction> : Float32VectorEnv<TDynamics, TState, TObs, TObsElement, TAction>
    where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
    where TState : unmanaged
    where TObs : unmanaged
    where TObsElement : unmanaged
    where TAction : unmanaged
{
    private readonly GpuRuntime _runtime;
    private readonly AcceleratorStream _stream;
    private readonly MemoryBuffer1D<TState, Stride1D.Dense> _states;
    private readonly MemoryBuffer1D<FastRandom, Stride1D.Dense> _randoms;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _elapsed;
    private readonly MemoryBuffer1D<TAction, Stride1D.Dense> _actions;
    private readonly MemoryBuffer1D<TObs, Stride1D.Dense> _observations;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _rewards;
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _terminations;
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _truncations;
    private readonly float[] _hostRewards;
    private readonly Action<AcceleratorStream, Index1D, TDynamics, ArrayView<TState>, ArrayView<FastRandom>, ArrayView<int>,
        ArrayView<TAction>, ArrayView<TObs>, ArrayView<float>, ArrayView<byte>, ArrayView<byte>, int> _kernel;

    /// <summary>Creates <paramref name="numEnvs"/> copies on <paramref name="runtime"/>; call <c>Reset</c> before the first step.</summary>
    /// <param name="runtime">The accelerator (not owned: it outlives this environment).</param>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="dynamics">The per-element dynamics (carrying the env's kwargs).</param>
    /// <param name="prototype">A scalar environment of the same kind: its spaces and metadata are the copies'.</param>
    /// <param name="autoresetMode">Must be next-step.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy, null for none.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public GpuVectorEnv(GpuRuntime runtime, int numEnvs, TDynamics dynamics, IEnv prototype, AutoresetMode autoresetMode, int? maxEpisodeSteps, EnvSpec? spec)
        : base(numEnvs, dynamics, prototype, autoresetMode, maxEpisodeSteps, spec)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        var accelerator = runtime.Accelerator;
        _kernel = accelerator.LoadAutoGroupedKernel<Index1D, TDynamics, ArrayView<TState>, ArrayView<FastRandom>, ArrayView<int>,
            ArrayView<TAction>, ArrayView<TObs>, ArrayView<float>, ArrayView<byte>, ArrayView<byte>, int>(
            GpuKernels.Step<TDynamics, TState, TObs, TAction>);
        _stream = accelerator.CreateStream();
        _states = accelerator.Allocate1D<TState>(numEnvs);
        _randoms = accelerator.Allocate1D<FastRandom>(numEnvs);
        _elapsed = accelerator.Allocate1D<int>(numEnvs);
        _actions = accelerator.Allocate1D<TAction>(numEnvs);
        _observations = accelerator.Allocate1D<TObs>(numEnvs);
        _rewards = accelerator.Allocate1D<float>(numEnvs);
        _terminations = accelerator.Allocate1D<byte>(numEnvs);
        _truncations = accelerator.Allocate1D<byte>(numEnvs);
        _hostRewards = new float[numEnvs];
    }

    /// <summary>The device the copies run on.</summary>
    public string Device => _runtime.Description;

    /// <inheritdoc />
    protected override void StepBatch(TAction[] actions)
    {
        _runtime.Accelerator.Bind();
        _actions.View.CopyFromCPU(_stream, actions);
        _kernel(
            _stream, NumEnvs, Dynamics, _states.View, _randoms.View, _elapsed.View, _actions.View,
            _observations.View, _rewards.View, _terminations.View, _truncations.View, MaxEpisodeSteps);
        _observations.View.CopyToCPU(_stream, ObservationStructs);
        _rewards.View.CopyToCPU(_stream, _hostRewards.AsSpan());
        _terminations.View.CopyToCPU(_stream, MemoryMarshal.Cast<bool, byte>(Terminations.AsSpan()));
        _truncations.View.CopyToCPU(_stream, MemoryMarshal.Cast<bool, byte>(Truncations.AsSpan()));
        _stream.Synchronize();
        for (var i = 0; i < _hostRewards.Length; i++)
        {
            Rewards[i] = _hostRewards[i];
        }
    }

    /// <inheritdoc />
    protected override void BeforeReset()
    {
        _runtime.Accelerator.Bind();
        _states.View.CopyToCPU(_stream, States.AsSpan());
        _randoms.View.CopyToCPU(_stream, Randoms.AsSpan());
        _elapsed.View.CopyToCPU(_stream, Elapsed.AsSpan());
        _stream.Synchronize();
    }

    /// <inheritdoc />
    protected override void AfterReset()
    {
        _states.View.CopyFromCPU(_stream, States.AsSpan());
        _randoms.View.CopyFromCPU(_stream, Randoms.AsSpan());
        _elapsed.View.CopyFromCPU(_stream, Elapsed.AsSpan());
        _stream.Synchronize();
    }

    /// <inheritdoc />
    protected override void Release()
    {
        _runtime.Accelerator.Bind();
        _states.Dispose();
        _randoms.Dispose();
        _elapsed.Dispose();
        _actions.Dispose();
        _observations.Dispose();
        _rewards.Dispose();
        _terminations.Dispose();
        _truncations.Dispose();
        _stream.Dispose();
    }
}
