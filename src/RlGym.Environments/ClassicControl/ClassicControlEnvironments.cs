using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.Fast;
using RlGym.Environments.Vectorized;

namespace RlGym.Environments.ClassicControl;

/// <summary>Registers the built-in ClassicControl environments.</summary>
public static class ClassicControlEnvironments
{
    /// <summary>Adds every ClassicControl environment to <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // CartPole: v0 and v1 differ only in the time limit and the threshold, as in Gymnasium.
        RegisterCartPole(registry, "CartPole-v0", maxEpisodeSteps: 200, rewardThreshold: 195.0);
        RegisterCartPole(registry, "CartPole-v1", maxEpisodeSteps: 500, rewardThreshold: 475.0);

        registry.Register(
            new EnvSpec
            {
                Id = "MountainCar-v0",
                EntryPoint = typeof(MountainCarEnv).FullName!,
                MaxEpisodeSteps = 200,
                RewardThreshold = -110.0,
                Kwargs = new Dictionary<string, object?> { ["goal_velocity"] = 0L },
            },
            (kwargs, renderMode) => new MountainCarEnv(kwargs.GetDouble("goal_velocity"), renderMode));
        registry.RegisterVector("MountainCar-v0", Vectorizations.Soa, DynamicsVectorEnv<MountainCarDynamics, MountainCarState, float, int>.Make);
        registry.RegisterVector("MountainCar-v0", Vectorizations.Fast, r => new MountainCarFastVectorEnv(
            r.NumEnvs, r.AutoresetMode, r.Spec.MaxEpisodeSteps, (float)r.Kwargs.GetDouble("goal_velocity"), r.Spec));
        registry.RegisterFastDynamics("MountainCar-v0", kwargs =>
            FastDynamicsSource.Of<MountainCarFastDynamics, Float2, Float2, float, int>(new((float)kwargs.GetDouble("goal_velocity"))));

        registry.Register(
            new EnvSpec
            {
                Id = "MountainCarContinuous-v0",
                EntryPoint = typeof(MountainCarContinuousEnv).FullName!,
                MaxEpisodeSteps = 999,
                RewardThreshold = 90.0,
                Kwargs = new Dictionary<string, object?> { ["goal_velocity"] = 0L },
            },
            (kwargs, renderMode) => new MountainCarContinuousEnv(kwargs.GetDouble("goal_velocity"), renderMode));
        registry.RegisterVector(
            "MountainCarContinuous-v0", Vectorizations.Soa, DynamicsVectorEnv<MountainCarContinuousDynamics, MountainCarContinuousState, float, float>.Make);
        registry.RegisterVector("MountainCarContinuous-v0", Vectorizations.Fast, r => new MountainCarContinuousFastVectorEnv(
            r.NumEnvs, r.AutoresetMode, r.Spec.MaxEpisodeSteps, (float)r.Kwargs.GetDouble("goal_velocity"), r.Spec));
        registry.RegisterFastDynamics("MountainCarContinuous-v0", kwargs =>
            FastDynamicsSource.Of<MountainCarContinuousFastDynamics, Float2, Float2, float, float>(new((float)kwargs.GetDouble("goal_velocity"))));

        registry.Register(
            new EnvSpec
            {
                Id = "Pendulum-v1",
                EntryPoint = typeof(PendulumEnv).FullName!,
                MaxEpisodeSteps = 200,
                Kwargs = new Dictionary<string, object?> { ["g"] = PendulumDynamics.DefaultGravity },
            },
            (kwargs, renderMode) => new PendulumEnv(kwargs.GetDouble("g"), renderMode));
        registry.RegisterVector("Pendulum-v1", Vectorizations.Soa, DynamicsVectorEnv<PendulumDynamics, PendulumState, float, float>.Make);
        registry.RegisterVector("Pendulum-v1", Vectorizations.Fast, r => new PendulumFastVectorEnv(
            r.NumEnvs, r.AutoresetMode, r.Spec.MaxEpisodeSteps, (float)r.Kwargs.GetDouble("g"), r.Spec));
        registry.RegisterFastDynamics("Pendulum-v1", kwargs =>
            FastDynamicsSource.Of<PendulumFastDynamics, Float2, Float3, float, float>(new((float)kwargs.GetDouble("g"))));

        registry.Register(
            new EnvSpec
            {
                Id = "Acrobot-v1",
                EntryPoint = typeof(AcrobotEnv).FullName!,
                MaxEpisodeSteps = 500,
                RewardThreshold = -100.0,
            },
            (kwargs, renderMode) => new AcrobotEnv(renderMode));
        registry.RegisterVector("Acrobot-v1", Vectorizations.Soa, DynamicsVectorEnv<AcrobotDynamics, AcrobotState, float, int>.Make);
        registry.RegisterVector("Acrobot-v1", Vectorizations.Fast, r => new AcrobotFastVectorEnv(r.NumEnvs, r.AutoresetMode, r.Spec.MaxEpisodeSteps, r.Spec));
        registry.RegisterFastDynamics("Acrobot-v1", _ => FastDynamicsSource.Of<AcrobotFastDynamics, Float4, AcrobotObservation, float, int>(default));
    }

    private static void RegisterCartPole(EnvRegistry registry, string id, int maxEpisodeSteps, double rewardThreshold)
    {
        registry.Register(
            new EnvSpec
            {
                Id = id,
                EntryPoint = typeof(CartPoleEnv).FullName!,
                MaxEpisodeSteps = maxEpisodeSteps,
                RewardThreshold = rewardThreshold,
                Kwargs = new Dictionary<string, object?> { ["sutton_barto_reward"] = false },
            },
            (kwargs, renderMode) => new CartPoleEnv(kwargs.GetBool("sutton_barto_reward"), renderMode));
        registry.RegisterVector(id, Vectorizations.Soa, CartPoleSoaVectorEnv.Make);
        registry.RegisterVector(id, Vectorizations.Gymnasium, CartPoleGymnasiumVectorEnv.Make);
        registry.RegisterVector(id, Vectorizations.Fast, r => new CartPoleFastVectorEnv(
            r.NumEnvs, r.AutoresetMode, r.Spec.MaxEpisodeSteps, r.Kwargs.GetBool("sutton_barto_reward"), r.Spec));
        registry.RegisterFastDynamics(id, kwargs =>
            FastDynamicsSource.Of<CartPoleFastDynamics, Float4, Float4, float, int>(new(kwargs.GetBool("sutton_barto_reward"))));
    }
}
