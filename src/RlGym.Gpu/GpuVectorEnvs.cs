using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;

namespace RlGym.Gpu;

/// <summary>Makes GPU vector environments of registered ids (the ids registered with fast per-element dynamics, <see cref="EnvRegistry.RegisterFastDynamics"/>).</summary>
public static class GpuVectorEnvs
{
    /// <summary>Whether <paramref name="id"/> has a GPU variant.</summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public static bool Supports(EnvRegistry registry, string id)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.HasFastDynamics(id);
    }

    /// <summary>Makes <paramref name="numEnvs"/> copies of <paramref name="id"/> on <paramref name="runtime"/>.</summary>
    /// <param name="runtime">The accelerator (see <see cref="GpuRuntime"/>); not owned.</param>
    /// <param name="registry">Where <paramref name="id"/> is registered.</param>
    /// <param name="id">A registered id with fast dynamics, e.g. <c>CartPole-v1</c> or <c>MinAtar/Breakout-v0</c>.</param>
    /// <param name="numEnvs">Number of copies (at least 1).</param>
    /// <param name="autoresetMode">Next-step only.</param>
    /// <param name="kwargs">Overrides of the registered kwargs.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit; 0 removes it.</param>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">No GPU variant for the id, a bad kwarg, fewer than one copy, or an autoreset mode other than next-step.</exception>
    public static IVectorEnv Make(
        GpuRuntime runtime,
        EnvRegistry registry,
        string id,
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        IReadOnlyDictionary<string, object?>? kwargs = null,
        int? maxEpisodeSteps = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(registry);
        using var first = registry.Make(id, kwargs, renderMode: null, maxEpisodeSteps);
        var spec = first.Spec!;
        var dynamics = registry.FastDynamics(id, new Kwargs(id, spec.Kwargs))
            ?? throw new ArgumentException(
                $"{id} has no GPU variant (it registers no fast dynamics); ids with one: {string.Join(", ", registry.Specs.Where(s => registry.HasFastDynamics(s.Id)).Select(s => s.Id))}.",
                nameof(id));
        return dynamics.Accept(new Factory(runtime, numEnvs, autoresetMode, spec), first.Unwrapped);
    }

    private sealed class Factory(GpuRuntime runtime, int numEnvs, AutoresetMode mode, EnvSpec? spec) : IFastDynamicsVisitor<IVectorEnv>
    {
        public IVectorEnv Visit<TDynamics, TState, TObs, TObsElement, TAction>(TDynamics dynamics, IEnv prototype)
            where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
            where TState : unmanaged
            where TObs : unmanaged
            where TObsElement : unmanaged
            where TAction : unmanaged =>
            new GpuVectorEnv<TDynamics, TState, TObs, TObsElement, TAction>(runtime, numEnvs, dynamics, prototype, mode, spec?.MaxEpisodeSteps, spec);
    }
}
