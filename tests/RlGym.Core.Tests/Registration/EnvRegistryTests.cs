using RlGym.Core.Registration;
using RlGym.Core.Wrappers;
using RlGym.TestSupport.Environments;

namespace RlGym.Core.Tests.Registration;

public sealed class EnvRegistryTests
{
    private sealed class CorridorPlugin : IEnvironmentPlugin
    {
        public void Register(EnvRegistry registry) => registry.Register(
            "Plugin/Corridor-v0",
            (kwargs, renderMode) => new CorridorEnv((int)kwargs.GetInt("length"), renderMode: renderMode),
            maxEpisodeSteps: 7,
            rewardThreshold: 0.5,
            kwargs: new Dictionary<string, object?> { ["length"] = 4L });
    }

    [Fact]
    public void Register_OneCall_BuildsTheSpecFromItsArguments()
    {
        var registry = new EnvRegistry();

        new CorridorPlugin().Register(registry);

        var spec = registry.Spec("Plugin/Corridor-v0");
        Assert.Equal(7, spec.MaxEpisodeSteps);
        Assert.Equal(0.5, spec.RewardThreshold);
        Assert.Equal(4L, spec.Kwargs["length"]);
        Assert.False(spec.Nondeterministic);
        Assert.Equal("built-in", spec.Source);
        Assert.Equal(typeof(CorridorPlugin).FullName, spec.EntryPoint);
    }

    [Fact]
    public void Make_OneCallRegistration_AddsTimeLimitAndTakesKwargsAndRenderMode()
    {
        var registry = new EnvRegistry();
        new CorridorPlugin().Register(registry);

        using var env = registry.Make<float[], int>("Plugin/Corridor-v0", new Dictionary<string, object?> { ["length"] = 3L }, renderMode: RenderModes.Ansi);

        Assert.IsType<TimeLimit<float[], int>>(env);
        Assert.Equal(RenderModes.Ansi, env.RenderMode);
        Assert.Equal(2.0, ((Core.Spaces.Box<float>)env.ObservationSpace).High[0]);
        Assert.Throws<ArgumentException>(() => registry.Make("Plugin/Corridor-v0", new Dictionary<string, object?> { ["width"] = 3L }));
    }

    [Fact]
    public void Register_NonPositiveMaxEpisodeSteps_Throws()
    {
        var registry = new EnvRegistry();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => registry.Register("Bad-v0", (_, mode) => new CorridorEnv(renderMode: mode), maxEpisodeSteps: 0));

        Assert.Contains("max_episode_steps must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_NewId_CopiesTheRegistrationWithTheGivenSource()
    {
        var plugin = new EnvRegistry();
        new CorridorPlugin().Register(plugin);
        var host = TestEnvironments.CreateRegistry();

        host.Import(plugin, "Plugin/Corridor-v0", "/plugins/Corridor.dll");

        Assert.Equal("/plugins/Corridor.dll", host.Spec("Plugin/Corridor-v0").Source);
        using var env = host.Make("Plugin/Corridor-v0");
        Assert.Equal("/plugins/Corridor.dll", env.Spec?.Source);
    }

    [Fact]
    public void Import_IdAlreadyRegistered_ThrowsNamingBothSources()
    {
        var plugin = new EnvRegistry();
        plugin.Register("Corridor-v0", (_, mode) => new CorridorEnv(renderMode: mode));
        var host = TestEnvironments.CreateRegistry();

        var error = Assert.Throws<ArgumentException>(() => host.Import(plugin, "Corridor-v0", "/plugins/Other.dll"));

        Assert.Contains($"from /plugins/Other.dll is already registered by {host.Spec("Corridor-v0").Source}.", error.Message, StringComparison.Ordinal);
    }
}
