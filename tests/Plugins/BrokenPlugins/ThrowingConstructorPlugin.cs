using RlGym.Core.Registration;

namespace BrokenPlugins;

/// <summary>A plugin whose constructor throws: the loader must report it and carry on.</summary>
public sealed class ThrowingConstructorPlugin : IEnvironmentPlugin
{
    /// <summary>Always throws.</summary>
    public ThrowingConstructorPlugin() => throw new InvalidOperationException("ThrowingConstructorPlugin fails on purpose.");

    /// <inheritdoc />
    public void Register(EnvRegistry registry) => throw new InvalidOperationException("Never reached.");
}
