using Microsoft.Extensions.Logging.Abstractions;
using RlGym.Client;
using RlGym.Core;
using RlGym.Environments;
using RlGym.Server.Plugins;
using RlGym.TestSupport.Server;

namespace RlGym.Server.Tests.Plugins;

public sealed class PluginLoaderTests
{
    [Fact]
    public void Load_GoodPluginFolder_ServesItsEnvWithThePluginPathAsSource()
    {
        using var plugins = new TestPlugins(withBroken: false);
        var registry = BuiltInEnvironments.CreateRegistry();

        var statuses = PluginLoader.Load(plugins.Directory, registry, NullLogger.Instance);

        Assert.Equal(["Ladder-v0", "LineWalk-v0"], statuses.Select(s => s.EnvId));
        Assert.All(statuses, s => Assert.True(s.Loaded, s.Reason));
        var spec = registry.Spec("LineWalk-v0");
        Assert.Equal(Path.Combine(plugins.Directory, "GoodPlugin", "GoodPlugin.dll"), spec.Source);
        Assert.Equal(50, spec.MaxEpisodeSteps);
        Assert.Equal(5L, spec.Kwargs["length"]);
        Assert.Equal("built-in", registry.Spec("CartPole-v1").Source);
    }

    [Fact]
    public void Load_PluginWithVariants_ImportsItsSoaVariantAndFastDynamics()
    {
        using var plugins = new TestPlugins(withBroken: false);
        var registry = BuiltInEnvironments.CreateRegistry();

        PluginLoader.Load(plugins.Directory, registry, NullLogger.Instance);

        Assert.Equal(["sync", "parallel", "soa", "fast"], registry.Vectorizations("Ladder-v0"));
        Assert.True(registry.Spec("Ladder-v0").HasVectorEntryPoint);
        Assert.True(registry.HasFastDynamics("Ladder-v0"));
        Assert.Equal(["sync", "parallel"], registry.Vectorizations("LineWalk-v0"));
        Assert.False(registry.Spec("LineWalk-v0").HasVectorEntryPoint);
    }

    [Fact]
    public void Load_PluginEnv_UsesTheHostsCoreTypes()
    {
        using var plugins = new TestPlugins(withBroken: false);
        var registry = BuiltInEnvironments.CreateRegistry();
        PluginLoader.Load(plugins.Directory, registry, NullLogger.Instance);

        using var env = registry.Make<int, int>("LineWalk-v0", new Dictionary<string, object?> { ["length"] = 3L });
        var (observation, _) = env.Reset(seed: 1);

        Assert.InRange(observation, 0, 1);
        Assert.Equal("Discrete(3)", env.ObservationSpace.ToString());
    }

    [Fact]
    public void Load_BrokenPlugins_RejectsEachWithItsReasonAndKeepsTheRest()
    {
        using var plugins = new TestPlugins();
        var registry = BuiltInEnvironments.CreateRegistry();
        var builtIns = registry.Specs.Count;

        var statuses = PluginLoader.Load(plugins.Directory, registry, NullLogger.Instance);

        string Reason(Func<PluginStatus, bool> match) => Assert.Single(statuses, s => match(s)).Reason;
        Assert.Contains("not a loadable .NET assembly", Reason(s => s.Source.EndsWith("garbage.dll", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("ThrowingConstructorPlugin fails on purpose", Reason(s => s.Reason.Contains("constructor of BrokenPlugins.ThrowingConstructorPlugin", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("ThrowingRegisterPlugin.Register fails on purpose", Reason(s => s.Reason.Contains("ThrowingRegisterPlugin.Register threw", StringComparison.Ordinal)), StringComparison.Ordinal);
        var clash = Reason(s => s.EnvId == "CartPole-v1");
        Assert.Contains("BrokenPlugins.dll", clash, StringComparison.Ordinal);
        Assert.Contains("already registered by built-in", clash, StringComparison.Ordinal);
        Assert.Contains("[reset]", Reason(s => s.EnvId == "Flawed/ObservationOutsideSpace-v0"), StringComparison.Ordinal);
        Assert.Contains("[determinism]", Reason(s => s.EnvId == "Flawed/IgnoresSeed-v0"), StringComparison.Ordinal);
        Assert.Contains("[no own time limit]", Reason(s => s.EnvId == "Flawed/OwnTimeLimit-v0"), StringComparison.Ordinal);
        Assert.Contains("[observations finite]", Reason(s => s.EnvId == "Flawed/NaNObservation-v0"), StringComparison.Ordinal);
        Assert.Contains("[render rgb_array]", Reason(s => s.EnvId == "Flawed/BadFrame-v0"), StringComparison.Ordinal);
        Assert.Contains("[info serialisable]", Reason(s => s.EnvId == "Flawed/UnsendableInfo-v0"), StringComparison.Ordinal);
        Assert.Contains("[invalid action]", Reason(s => s.EnvId == "Flawed/AcceptsInvalidAction-v0"), StringComparison.Ordinal);
        Assert.Contains("[soa variant] At step ", Reason(s => s.EnvId == "Flawed/SoaVariant-v0"), StringComparison.Ordinal);
        Assert.Contains("[fast variant] The mean episode return of the fast variant", Reason(s => s.EnvId == "Flawed/FastVariant-v0"), StringComparison.Ordinal);
        Assert.DoesNotContain(statuses, s => s.EnvId == "HalfRegistered-v0");
        Assert.Equal(["Flawed/None-v0", "Ladder-v0", "LineWalk-v0"], statuses.Where(s => s.Loaded).Select(s => s.EnvId!).Order(StringComparer.Ordinal));
        Assert.Equal(builtIns + 3, registry.Specs.Count);
        Assert.Equal("built-in", registry.Spec("CartPole-v1").Source);
    }

    [Fact]
    public async Task Serve_PluginsPath_PluginEnvReachedFromRemoteEnvWhileBrokenOnesAreLogged()
    {
        using var plugins = new TestPlugins();
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.PluginsPath = plugins.Directory);
        server.ExpectErrors(e => e.Contains("id clash", StringComparison.Ordinal));
        var options = new RemoteEnvOptions { Address = server.Address.ToString() };

        using var env = RemoteEnv.Make<int, int>("LineWalk-v0", options, new Dictionary<string, object?> { ["length"] = 4L }, renderMode: "ansi");
        var (observation, info) = env.Reset(seed: 3);
        var steps = 0;
        var terminated = false;
        while (!terminated && steps < 10)
        {
            var step = env.Step(1);
            terminated = step.Terminated;
            steps++;
            Assert.Equal((long)step.Observation, step.Info["cell"]);
        }

        Assert.Equal((long)observation, info["cell"]);
        Assert.True(terminated);
        Assert.Equal(3 - observation, steps);
        Assert.IsType<Core.Rendering.AnsiText>(env.Render());
        Assert.Contains(server.LoggedMessages, m => m.Contains("garbage.dll", StringComparison.Ordinal) && m.Contains("not a loadable", StringComparison.Ordinal));
        Assert.Contains(server.LoggedMessages, m => m.Contains("Flawed/BadFrame-v0", StringComparison.Ordinal) && m.Contains("render rgb_array", StringComparison.Ordinal));
        Assert.Throws<UnknownEnvironmentException>(() => RemoteEnv.Make("Flawed/BadFrame-v0", options));
        using var cartPole = RemoteEnv.Make<float[], int>("CartPole-v1", options);
        Assert.Equal(4, cartPole.Reset(seed: 0).Observation.Length);
    }
}
