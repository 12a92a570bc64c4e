using ILGPU;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.Fast;

namespace RlGym.Gpu;

/// <summary>The kernels: one thread per copy, running the same per-element function as the fast CPU variant.</summary>
internal static class GpuKernels
{
    /// <summary>Steps (or autoresets) copy <paramref name="i"/>: <see cref="FastAutoreset.StepCopy"/> on the device.</summary>
    public static void Step<TDynamics, TState, TObs, TAction>(
        Index1D i,
        TDynamics dynamics,
        ArrayView<TState> states,
        ArrayView<FastRandom> randoms,
        ArrayView<int> elapsed,
        ArrayView<TAction> actions,
        ArrayView<TObs> observations,
        ArrayView<float> rewards,
        ArrayView<byte> terminations,
        ArrayView<byte> truncations,
        int maxEpisodeSteps)
        where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
        where TState : unmanaged
        where TObs : unmanaged
        where TAction : unmanaged
    {
        // The observation is written in place (Breakout's is 400 bytes: no per-thread copy of it).
        FastAutoreset.StepCopy<TDynamics, TState, TObs, TAction>(
            dynamics, ref states[i], actions[i], ref randoms[i], ref elapsed[i], maxEpisodeSteps,
            out observations[i], out var reward, out var terminated, out var truncated);
        rewards[i] = reward;
        terminations[i] = terminated ? (byte)1 : (byte)0;
        truncations[i] = truncated ? (byte)1 : (byte)0;
    }
}
