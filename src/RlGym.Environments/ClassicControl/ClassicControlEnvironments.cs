using RlGym.Core.Registration;

namespace RlGym.Environments.ClassicControl;

/// <summary>Registers the built-in ClassicControl environments.</summary>
public static class ClassicControlEnvironments
{
    /// <summary>Adds every ClassicControl environment to <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
