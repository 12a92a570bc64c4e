using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using RlGym.Agents.PolicyGradient;
using RlGym.Agents.Tabular;

namespace RlGym.Agents.Tests.Common;

public class OptionsBinderTests
{
    [Fact]
    public void Apply_KnownKeys_ParsesEachType()
    {
        var overrides = new Dictionary<string, string>
        {
            ["learning_rate"] = "3e-4",
            ["num_envs"] = "16",
            ["total_steps"] = "1e5",
            ["norm_advantage"] = "false",
            ["hidden_sizes"] = "32,32",
        };

        var options = OptionsBinder.Apply(new PpoOptions(), overrides);

        Assert.Equal(3e-4, options.LearningRate);
        Assert.Equal(16, options.NumEnvs);
        Assert.Equal(100_000, options.TotalSteps);
        Assert.False(options.NormAdvantage);
        Assert.Equal([32, 32], options.HiddenSizes);
    }

    [Fact]
    public void Apply_EnumInKebabCase_Parses()
    {
        var options = OptionsBinder.Apply(new TabularOptions(), new Dictionary<string, string> { ["exploration"] = "epsilon-greedy" });

        Assert.Equal(Exploration.EpsilonGreedy, options.Exploration);
    }

    [Fact]
    public void Apply_UnknownKey_ThrowsListingAllowedKeys()
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Apply(new PpoOptions(), new Dictionary<string, string> { ["learning_rat"] = "1" }));

        Assert.Contains("'learning_rat'", error.Message, StringComparison.Ordinal);
        Assert.Contains("learning_rate", error.Message, StringComparison.Ordinal);
        Assert.Contains("clip_coef", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("learning_rate", "fast", "a number")]
    [InlineData("num_envs", "2.5", "an integer")]
    [InlineData("anneal_lr", "yes", "true or false")]
    [InlineData("hidden_sizes", "64,x", "comma-separated")]
    public void Apply_UnparsableValue_ThrowsNamingKeyAndType(string key, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Apply(new PpoOptions(), new Dictionary<string, string> { [key] = value }));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDictionary_ThenApply_RoundTrips()
    {
        var original = PpoOptions.For("CartPole-v1") with { HiddenSizes = [16, 8], TargetKl = 0.015 };

        var restored = OptionsBinder.Apply(new PpoOptions(), OptionsBinder.ToDictionary(original));

        Assert.Equal(original with { HiddenSizes = restored.HiddenSizes }, restored);
        Assert.Equal(original.HiddenSizes, restored.HiddenSizes);
    }

    [Fact]
    public void ToJson_ThenOverridesFromJson_RoundTripsEveryType()
    {
        var original = PpoOptions.For("CartPole-v1") with { HiddenSizes = [16, 8], LearningRate = 0.1 + 0.2, TotalSteps = 123_456_789_012 };

        var json = OptionsBinder.ToJson(original).ToJsonString();
        var restored = OptionsBinder.Apply(new PpoOptions(), OptionsBinder.OverridesFromJson(json));

        Assert.Equal(original with { HiddenSizes = restored.HiddenSizes }, restored);
        Assert.Equal(original.HiddenSizes, restored.HiddenSizes);
    }

    [Fact]
    public void ToJson_TypedValues_AreNumbersBooleansKebabEnumsArraysAndNull()
    {
        var json = OptionsBinder.ToJson(new SacOptions { HiddenSizes = [32, 16], ActionNoise = ActionNoiseKind.OrnsteinUhlenbeck });

        Assert.Equal(System.Text.Json.JsonValueKind.Number, json["learning_rate"]!.GetValueKind());
        Assert.Equal("[32,16]", json["hidden_sizes"]!.ToJsonString());
        Assert.Equal("ornstein-uhlenbeck", json["action_noise"]!.GetValue<string>());
        Assert.Null(json["target_entropy"]);
        Assert.Equal(OptionsBinder.Keys<SacOptions>(), json.Select(kv => kv.Key));
    }

    [Fact]
    public void OverridesFromJson_NullForANullableOption_ResetsIt()
    {
        var options = OptionsBinder.Apply(new SacOptions { TargetEntropy = -3 }, OptionsBinder.OverridesFromJson("{\"target_entropy\": null}"));

        Assert.Null(options.TargetEntropy);
    }

    [Theory]
    [InlineData("{\"gamma\": \"high\"}", "'gamma' expects a number; got 'high'")]
    [InlineData("{\"gamma\": true}", "'gamma' expects a number; got 'true'")]
    [InlineData("{\"anneal_lr\": 1}", "'anneal_lr' expects true or false; got '1'")]
    [InlineData("{\"num_envs\": 2.5}", "'num_envs' expects an integer; got '2.5'")]
    [InlineData("{\"hidden_sizes\": {\"a\": 1}}", "'hidden_sizes' expects a comma-separated list")]
    [InlineData("{\"clip_coef\": null}", "'clip_coef' expects a number; got 'null'")]
    public void OverridesFromJson_WrongType_ApplyNamesTheKeyAndTheTypeExpected(string json, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Apply(new PpoOptions(), OptionsBinder.OverridesFromJson(json)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"gamma\": ", "not valid JSON")]
    public void OverridesFromJson_NotAnObject_Throws(string json, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.OverridesFromJson(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SnakeCase_PropertyNames_MatchCommandLineKeys()
    {
        Assert.Equal("learning_rate", OptionsBinder.SnakeCase("LearningRate"));
        Assert.Equal("ucb_c", OptionsBinder.SnakeCase("UcbC"));
        Assert.Equal("max_grad_norm", OptionsBinder.SnakeCase("MaxGradNorm"));
    }
}
