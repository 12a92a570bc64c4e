using RlGym.Core.Registration;
using RlGym.Core.Spaces;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Tests.MinAtar;

public class MinAtarEnvironmentsTests
{
    private static EnvRegistry CreateRegistry()
    {
        var registry = new EnvRegistry();
        MinAtarEnvironments.Register(registry);
        return registry;
    }

    [Theory]
    [InlineData("MinAtar/Breakout-v0", false)]
    [InlineData("MinAtar/Breakout-v1", true)]
    public void Register_Breakout_SpecAsMinAtarRegistersIt(string id, bool minimal)
    {
        var spec = CreateRegistry().Spec(id);

        Assert.Null(spec.MaxEpisodeSteps);
        Assert.Equal(typeof(BreakoutEnv).FullName, spec.EntryPoint);
        Assert.Equal(0.1, spec.Kwargs["sticky_action_prob"]);
        Assert.Equal(minimal, spec.Kwargs["use_minimal_action_set"]);
    }

    [Theory]
    [InlineData("MinAtar/Breakout-v0", 6)]
    [InlineData("MinAtar/Breakout-v1", 3)]
    public void Make_Breakout_ActionSetOfTheVersion(string id, int actions)
    {
        using var env = CreateRegistry().Make<bool[], int>(id);

        Assert.Equal(actions, Assert.IsType<Discrete>(env.ActionSpace).N);
        Assert.Equal([10, 10, 4], env.ObservationSpace.Shape);
    }

    [Fact]
    public void Make_StickyActionProbKwarg_ReachesTheEnvironment()
    {
        var registry = CreateRegistry();

        using var env = registry.Make<bool[], int>("MinAtar/Breakout-v1", new Dictionary<string, object?> { ["sticky_action_prob"] = 0.25 });

        Assert.Equal(0.25, env.Spec!.Kwargs["sticky_action_prob"]);
        var result = env.Reset(1);
        Assert.True(env.ObservationSpace.Contains(result.Observation));
    }

    [Fact]
    public void Make_StickyActionProbOutOfRange_Throws()
    {
        var registry = CreateRegistry();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            registry.Make("MinAtar/Breakout-v0", new Dictionary<string, object?> { ["sticky_action_prob"] = 1.5 }));
    }

    [Fact]
    public void Make_ThroughGym_BreakoutIsBuiltIn()
    {
        Assert.True(Gym.Registry.Contains("MinAtar/Breakout-v0"));
        Assert.True(Gym.Registry.Contains("MinAtar/Breakout-v1"));
    }
}
