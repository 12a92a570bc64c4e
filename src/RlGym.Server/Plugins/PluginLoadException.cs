namespace RlGym.Server.Plugins;

/// <summary>A plugin assembly could not be loaded or registered; the message says why.</summary>
public sealed class PluginLoadException : Exception
{
    /// <summary>An exception with <paramref name="message"/>.</summary>
    public PluginLoadException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception with a generic message.</summary>
    public PluginLoadException()
        : base("A plugin could not be loaded.")
    {
    }
}
