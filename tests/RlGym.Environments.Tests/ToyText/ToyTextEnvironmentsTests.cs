using System.Text.Json;
using RlGym.Core.Checking;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.ToyText;

public class ToyTextEnvironmentsTests
{
    [Theory]
    [InlineData("FrozenLake-v1.json")]
    [InlineData("FrozenLake8x8-v1.json")]
    [InlineData("Taxi-v3.json")]
    [InlineData("Taxi-v4_rainy_fickle.json")]
    [InlineData("CliffWalking-v1.json")]
    [InlineData("CliffWalkingSlippery-v1.json")]
    [InlineData("Blackjack-v1.json")]
    public void Spec_RegisteredId_MatchesGymnasiumSpec(string file)
    {
        var fixture = GymnasiumFixture.Load(file);
        var expected = fixture.Root.GetProperty("spec");

        var spec = BuiltInEnvironments.CreateRegistry().Spec(fixture.EnvId);

        var maxSteps = expected.GetProperty("max_episode_steps");
        var threshold = expected.GetProperty("reward_threshold");
        Assert.Equal(maxSteps.ValueKind == JsonValueKind.Null ? null : maxSteps.GetInt32(), spec.MaxEpisodeSteps);
        Assert.Equal(threshold.ValueKind == JsonValueKind.Null ? null : threshold.GetDouble(), spec.RewardThreshold);
        Assert.Equal(expected.GetProperty("nondeterministic").GetBoolean(), spec.Nondeterministic);
        Assert.Equal(expected.GetProperty("order_enforce").GetBoolean(), spec.OrderEnforce);

        // The fixture's spec kwargs are the registered ones plus make's overrides: each must be accepted.
        foreach (var kwarg in expected.GetProperty("kwargs").EnumerateObject())
        {
            Assert.True(spec.Kwargs.ContainsKey(kwarg.Name), $"{fixture.EnvId} does not accept {kwarg.Name}");
        }
    }

    [Theory]
    [InlineData("FrozenLake-v1", "map_name", "4x4")]
    [InlineData("FrozenLake8x8-v1", "map_name", "8x8")]
    [InlineData("CliffWalkingSlippery-v1", "is_slippery", true)]
    [InlineData("CliffWalking-v1", "is_slippery", false)]
    [InlineData("Blackjack-v1", "sab", true)]
    [InlineData("Blackjack-v1", "natural", false)]
    public void Spec_RegisteredKwargs_AreGymnasiums(string id, string name, object value)
    {
        var spec = BuiltInEnvironments.CreateRegistry().Spec(id);

        Assert.Equal(value, spec.Kwargs[name]);
    }

    [Fact]
    public void Register_AllToyTextIds_AreRegistered()
    {
        var ids = BuiltInEnvironments.CreateRegistry().Specs.Select(s => s.Id).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "FrozenLake-v1", "FrozenLake8x8-v1", "Taxi-v3", "Taxi-v4", "CliffWalking-v1", "CliffWalkingSlippery-v1", "Blackjack-v1" },
            ids);
    }

    [Theory]
    [InlineData("FrozenLake-v1")]
    [InlineData("FrozenLake8x8-v1")]
    [InlineData("Taxi-v3")]
    [InlineData("Taxi-v4")]
    [InlineData("CliffWalking-v1")]
    [InlineData("CliffWalkingSlippery-v1")]
    [InlineData("Blackjack-v1")]
    public void EnvChecker_RegisteredId_Passes(string id)
    {
        var registry = BuiltInEnvironments.CreateRegistry();

        var report = EnvChecker.Check(renderMode => registry.Make(id, renderMode: renderMode));

        Assert.True(report.Passed, report.ToString());
    }
}
