using RlGym.Core.Checking;
using RlGym.Core.Vector;

namespace RlGym.Environments.Tests;

/// <summary>
/// The conformance suite, in process: every built-in id passes the environment checker, and its batched variants agree
/// with its scalar environment (the soa variant bit for bit, the fast one in distribution).
/// </summary>
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

    [Theory]
    [MemberData(nameof(RegisteredIds))]
    public void CheckVariants_RegisteredId_EachVariantAgreesWithTheScalarEnv(string id)
    {
        var results = VariantChecker.Check(Gym.Registry, id);

        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
        var variants = Gym.Registry.Vectorizations(id);
        Assert.Equal(variants.Contains(Vectorizations.Soa), results[0].Status == EnvCheckStatus.Passed);
        Assert.Equal(variants.Contains(Vectorizations.Fast), results[1].Status == EnvCheckStatus.Passed);
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
