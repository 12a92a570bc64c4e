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

    [Fact]
    public void Register_Breakout_MinimalActionSetStickyActionsNoTimeLimit()
    {
        var spec = CreateRegistry().Spec("MinAtar/Breakout-v0");

        Assert.Null(spec.MaxEpisodeSteps);
        Assert.Equal(typeof(BreakoutEnv).FullName, spec.EntryPoint);
        Assert.Equal(0.1, spec.Kwargs["sticky_action_prob"]);
        Assert.Equal(true, spec.Kwargs["use_minimal_action_set"]);
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 6)]
    public void Make_UseMinimalActionSet_ChoosesTheActionSet(bool minimal, int actions)
    {
        using var env = CreateRegistry().Make<bool[], int>(
            "MinAtar/Breakout-v0", new Dictionary<string, object?> { ["use_minimal_action_set"] = minimal });

        Assert.Equal(actions, Assert.IsType<Discrete>(env.ActionSpace).N);
        Assert.Equal([10, 10, 4], env.ObservationSpace.Shape);
    }

    [Fact]
    public void Make_StickyActionProbKwarg_ReachesTheEnvironment()
    {
        var registry = CreateRegistry();

        using var env = registry.Make<bool[], int>("MinAtar/Breakout-v0", new Dictionary<string, object?> { ["sticky_action_prob"] = 0.25 });

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
    }
}
