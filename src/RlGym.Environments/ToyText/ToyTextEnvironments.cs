using System.Collections;
using RlGym.Core;
using RlGym.Core.Registration;

namespace RlGym.Environments.ToyText;

/// <summary>Registers the built-in ToyText environments as Gymnasium 1.3.0 registers them.</summary>
public static class ToyTextEnvironments
{
    /// <summary>Adds every ToyText environment to <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        RegisterFrozenLake(registry, "FrozenLake-v1", "4x4", 100, 0.70);
        RegisterFrozenLake(registry, "FrozenLake8x8-v1", "8x8", 200, 0.85);

        // Taxi-v3 is Gymnasium 1.2's id: only the default (deterministic) game, which v4 reproduces step for step.
        // Its is_rainy / fickle_passenger followed 1.2 rules that v4 replaced, so they are not offered here.
        registry.Register(
            new EnvSpec
            {
                Id = "Taxi-v3",
                EntryPoint = typeof(TaxiEnv).FullName!,
                MaxEpisodeSteps = 200,
                RewardThreshold = 8,
            },
            (_, renderMode) => new TaxiEnv(renderMode));
        registry.Register(
            new EnvSpec
            {
                Id = "Taxi-v4",
                EntryPoint = typeof(TaxiEnv).FullName!,
                MaxEpisodeSteps = 200,
                RewardThreshold = 8,
                Kwargs = new Dictionary<string, object?>
                {
                    ["is_rainy"] = false,
                    ["fickle_passenger"] = false,
                    ["rainy_probability"] = 0.8,
                    ["fickle_probability"] = 0.3,
                },
            },
            (kwargs, renderMode) => new TaxiEnv(
                renderMode,
                kwargs.GetBool("is_rainy"),
                kwargs.GetBool("fickle_passenger"),
                kwargs.GetDouble("rainy_probability"),
                kwargs.GetDouble("fickle_probability")));

        RegisterCliffWalking(registry, "CliffWalking-v1", isSlippery: false);
        RegisterCliffWalking(registry, "CliffWalkingSlippery-v1", isSlippery: true);

        registry.Register(
            new EnvSpec
            {
                Id = "Blackjack-v1",
                EntryPoint = typeof(BlackjackEnv).FullName!,
                Kwargs = new Dictionary<string, object?> { ["sab"] = true, ["natural"] = false },
            },
            (kwargs, renderMode) => new BlackjackEnv(renderMode, kwargs.GetBool("natural"), kwargs.GetBool("sab")));
    }

    private static void RegisterFrozenLake(EnvRegistry registry, string id, string mapName, int maxEpisodeSteps, double rewardThreshold) =>
        registry.Register(
            new EnvSpec
            {
                Id = id,
                EntryPoint = typeof(FrozenLakeEnv).FullName!,
                MaxEpisodeSteps = maxEpisodeSteps,
                RewardThreshold = rewardThreshold,
                Kwargs = new Dictionary<string, object?>
                {
                    ["desc"] = null,
                    ["map_name"] = mapName,
                    ["is_slippery"] = true,
                    ["success_rate"] = 1.0 / 3.0,
                    ["reward_schedule"] = new object[] { 1L, 0L, 0L },
                },
            },
            (kwargs, renderMode) => new FrozenLakeEnv(
                renderMode,
                kwargs.GetStringList("desc"),
                kwargs.GetString("map_name"),
                kwargs.GetBool("is_slippery"),
                kwargs.GetDouble("success_rate"),
                RewardSchedule(kwargs, out var rewardType),
                rewardType));

    private static void RegisterCliffWalking(EnvRegistry registry, string id, bool isSlippery) =>
        registry.Register(
            new EnvSpec
            {
                Id = id,
                EntryPoint = typeof(CliffWalkingEnv).FullName!,
                Kwargs = new Dictionary<string, object?> { ["is_slippery"] = isSlippery },
            },
            (kwargs, renderMode) => new CliffWalkingEnv(renderMode, kwargs.GetBool("is_slippery")));

    // Python floats in the schedule make Gymnasium's rewards floats, so the metadata follows the kwarg's types.
    private static double[] RewardSchedule(Kwargs kwargs, out RewardType rewardType)
    {
        var value = kwargs.Get("reward_schedule");
        rewardType = RewardType.Int;
        if (value is IEnumerable items and not string)
        {
            var rewards = items.Cast<object?>().Select(item => item switch
            {
                long l => (double?)l,
                int i => i,
                double d => d,
                float f => f,
                _ => null,
            }).ToArray();
            if (rewards.All(r => r is not null))
            {
                rewardType = items.Cast<object?>().Any(item => item is double or float) ? RewardType.Float : RewardType.Int;
                return rewards.Select(r => r!.Value).ToArray();
            }
        }

        throw new ArgumentException(
            $"{kwargs.EnvId} kwarg 'reward_schedule' must be a list of 3 numbers (goal, hole, frozen), got {RlGym.Core.Formatting.Describe(value)}.");
    }
}
