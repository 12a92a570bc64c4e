using RlGym.Core.Registration;

namespace RlGym.Environments.MinAtar;

/// <summary>Registers the built-in MinAtar environments.</summary>
public static class MinAtarEnvironments
{
    /// <summary>Adds every MinAtar environment to <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
