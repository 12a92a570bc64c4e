using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;

namespace BrokenPlugins;

/// <summary>
/// Registers two ids whose scalar environment is correct (<see cref="CounterEnv"/>) but whose batched variant is not:
/// <c>Flawed/SoaVariant-v0</c>, whose soa variant steps with stride 2, and <c>Flawed/FastVariant-v0</c>, whose fast
/// dynamics do.
/// </summary>
public sealed class FlawedVariants : IEnvironmentPlugin
{
    /// <inheritdoc />
    public void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("Flawed/SoaVariant-v0", (_, renderMode) => new CounterEnv(renderMode), maxEpisodeSteps: 20);
        registry.RegisterVector("Flawed/SoaVariant-v0", Vectorizations.Soa, r => new DynamicsVectorEnv<CounterDynamics, int, float, int>(
            r.NumEnvs, new CounterDynamics(2), r.Prototype, r.AutoresetMode, r.Spec.MaxEpisodeSteps, r.Spec));

        registry.Register("Flawed/FastVariant-v0", (_, renderMode) => new CounterEnv(renderMode), maxEpisodeSteps: 20);
        registry.RegisterFastDynamics("Flawed/FastVariant-v0", _ => FastDynamicsSource.Of<CounterDynamics, int, float, float, int>(new CounterDynamics(2)));
    }
}
