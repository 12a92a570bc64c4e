using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Tests.Dynamics;
using RlGym.Core.Vector;

namespace RlGym.Core.Tests.Registration;

/// <summary>Batched variants are registration data: registered beside the id, listed and looked up by name.</summary>
public sealed class EnvRegistryVariantsTests
{
    [Fact]
    public void Vectorizations_ScalarOnly_AreSyncAndParallel()
    {
        var registry = WalkRegistry();

        Assert.Equal([Vectorizations.Sync, Vectorizations.Parallel], registry.Vectorizations("Walk-v0"));
        Assert.False(registry.Spec("Walk-v0").HasVectorEntryPoint);
        Assert.Null(registry.VectorVariant("Walk-v0", Vectorizations.Soa));
    }

    [Fact]
    public void RegisterVector_Soa_IsListedLookedUpAndMarksTheVectorEntryPoint()
    {
        var registry = WalkRegistry();

        registry.RegisterVector("Walk-v0", Vectorizations.Soa, DynamicsVectorEnv<WalkDynamics, WalkState, float, int>.Make);

        Assert.Equal([Vectorizations.Sync, Vectorizations.Parallel, Vectorizations.Soa], registry.Vectorizations("Walk-v0"));
        Assert.True(registry.Spec("Walk-v0").HasVectorEntryPoint);
        Assert.NotNull(registry.VectorVariant("Walk-v0", Vectorizations.Soa));
    }

    [Fact]
    public void RegisterFastDynamics_AddsTheFastVectorization()
    {
        var registry = WalkRegistry();

        registry.RegisterFastDynamics("Walk-v0", _ => FastDynamicsSource.Of<TickDynamics, int, float, float, int>(default));

        Assert.True(registry.HasFastDynamics("Walk-v0"));
        Assert.Equal(Vectorizations.Fast, registry.Vectorizations("Walk-v0")[^1]);
        Assert.False(registry.Spec("Walk-v0").HasVectorEntryPoint);
    }

    [Theory]
    [InlineData(Vectorizations.Sync)]
    [InlineData(Vectorizations.Auto)]
    [InlineData("magic")]
    public void RegisterVector_NameARegistrationCannotAdd_ThrowsListingThoseItCan(string name)
    {
        var registry = WalkRegistry();

        var error = Assert.Throws<ArgumentException>(() => registry.RegisterVector("Walk-v0", name, DynamicsVectorEnv<WalkDynamics, WalkState, float, int>.Make));

        Assert.Contains("soa, gymnasium, fast", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterVector_Twice_ThrowsAndKeepsTheFirst()
    {
        var registry = WalkRegistry();
        Func<VectorRequest, IVectorEnv> first = DynamicsVectorEnv<WalkDynamics, WalkState, float, int>.Make;
        registry.RegisterVector("Walk-v0", Vectorizations.Soa, first);

        Assert.Throws<ArgumentException>(() => registry.RegisterVector("Walk-v0", Vectorizations.Soa, _ => throw new InvalidOperationException()));
        Assert.Same(first, registry.VectorVariant("Walk-v0", Vectorizations.Soa));
    }

    [Fact]
    public void RegisterVector_UnknownId_ThrowsUnknownEnvironment()
    {
        var registry = WalkRegistry();

        Assert.Throws<UnknownEnvironmentException>(() => registry.RegisterVector("Nope-v0", Vectorizations.Soa, DynamicsVectorEnv<WalkDynamics, WalkState, float, int>.Make));
    }

    [Fact]
    public void Import_CarriesTheVariants()
    {
        var plugin = WalkRegistry();
        plugin.RegisterVector("Walk-v0", Vectorizations.Soa, DynamicsVectorEnv<WalkDynamics, WalkState, float, int>.Make);
        plugin.RegisterFastDynamics("Walk-v0", _ => FastDynamicsSource.Of<TickDynamics, int, float, float, int>(default));
        var host = new EnvRegistry();

        host.Import(plugin, "Walk-v0", "walk.dll");

        Assert.Equal(plugin.Vectorizations("Walk-v0"), host.Vectorizations("Walk-v0"));
        Assert.True(host.Spec("Walk-v0").HasVectorEntryPoint);
        Assert.Equal("walk.dll", host.Spec("Walk-v0").Source);
    }

    private static EnvRegistry WalkRegistry()
    {
        var registry = new EnvRegistry();
        registry.Register("Walk-v0", (kwargs, renderMode) => new WalkEnv(), maxEpisodeSteps: 5);
        return registry;
    }

    // Float32 dynamics that count steps: enough to register fast dynamics.
    private readonly struct TickDynamics : IFastDynamics<int, float, int>
    {
        public int Reset(ref FastRandom random) => 0;

        public int Step(int state, int action, ref FastRandom random, out float reward, out bool terminated)
        {
            reward = 1;
            terminated = state >= 9;
            return state + 1;
        }

        public void Observe(in int state, out float observation) => observation = state;
    }
}
