using RlGym.Core.Registration;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.MinAtar;
using RlGym.Environments.ToyText;

namespace RlGym.Environments;

/// <summary>The environments RlGym ships: classic control, toy text and MinAtar.</summary>
public static class BuiltInEnvironments
{
    /// <summary>Adds every built-in environment to <paramref name="registry"/>.</summary>
    public static EnvRegistry Register(EnvRegistry registry)
    {
        ClassicControlEnvironments.Register(registry);
        ToyTextEnvironments.Register(registry);
        MinAtarEnvironments.Register(registry);
        return registry;
    }

    /// <summary>A new registry holding every built-in environment.</summary>
    public static EnvRegistry CreateRegistry() => Register(new EnvRegistry());
}
