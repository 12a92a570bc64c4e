using RlGym.Core.Registration;

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

        registry.Register(
            new EnvSpec
            {
                Id = "Pendulum-v1",
                EntryPoint = typeof(PendulumEnv).FullName!,
                MaxEpisodeSteps = 200,
                Kwargs = new Dictionary<string, object?> { ["g"] = PendulumDynamics.DefaultGravity },
            },
            (kwargs, renderMode) => new PendulumEnv(kwargs.GetDouble("g"), renderMode));

        registry.Register(
            new EnvSpec
            {
                Id = "Acrobot-v1",
                EntryPoint = typeof(AcrobotEnv).FullName!,
                MaxEpisodeSteps = 500,
                RewardThreshold = -100.0,
            },
            (kwargs, renderMode) => new AcrobotEnv(renderMode));
    }

    private static void RegisterCartPole(EnvRegistry registry, string id, int maxEpisodeSteps, double rewardThreshold) =>
        registry.Register(
            new EnvSpec
            {
                Id = id,
                EntryPoint = typeof(CartPoleEnv).FullName!,
                MaxEpisodeSteps = maxEpisodeSteps,
                RewardThreshold = rewardThreshold,
                Kwargs = new Dictionary<string, object?> { ["sutton_barto_reward"] = false },
                HasVectorEntryPoint = true,
            },
            (kwargs, renderMode) => new CartPoleEnv(kwargs.GetBool("sutton_barto_reward"), renderMode));
}
