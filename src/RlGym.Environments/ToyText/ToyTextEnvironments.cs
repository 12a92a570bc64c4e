using RlGym.Core.Registration;

namespace RlGym.Environments.ToyText;

/// <summary>Registers the built-in ToyText environments.</summary>
public static class ToyTextEnvironments
{
    /// <summary>Adds every ToyText environment to <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
