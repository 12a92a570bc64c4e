using RlGym.Core.Checking;

namespace RlGym.Environments.Tests;

/// <summary>The conformance suite, in process: every built-in id passes the environment checker.</summary>
public sealed class BuiltInEnvironmentsTests
{
    public static TheoryData<string> RegisteredIds() => new(Gym.Registry.Specs.Select(spec => spec.Id));

    [Theory]
    [MemberData(nameof(RegisteredIds))]
    public void Check_RegisteredId_PassesEveryCheck(string id)
    {
        var report = EnvChecker.Check(renderMode => Gym.Make(id, renderMode: renderMode));

        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void CreateRegistry_Catalogue_HoldsEveryGymnasiumClassicControlAndToyTextIdAndBreakout()
    {
        string[] expected =
        [
            "Acrobot-v1", "Blackjack-v1", "CartPole-v0", "CartPole-v1", "CliffWalking-v1", "FrozenLake-v1",
            "FrozenLake8x8-v1", "MinAtar/Breakout-v0", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1",
            "Taxi-v3", "Taxi-v4",
        ];

        var ids = BuiltInEnvironments.CreateRegistry().Specs.Select(spec => spec.Id).ToHashSet();

        Assert.Subset(ids, expected.ToHashSet());
    }
}
