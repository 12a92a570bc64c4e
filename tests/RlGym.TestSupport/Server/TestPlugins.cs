namespace RlGym.TestSupport.Server;

/// <summary>
/// A fresh plugins folder with the test-only plugins of tests/Plugins (copied next to the test assembly by
/// tests/Plugins/TestPlugins.targets): <c>GoodPlugin/GoodPlugin.dll</c> (LineWalk-v0, and Ladder-v0 with its soa and
/// fast variants) and <c>BrokenPlugins.dll</c> (Flawed/*-v0, a CartPole-v1 clash, throwing plugin classes), plus
/// <c>garbage.dll</c> (not an assembly).
/// Deleted on dispose.
/// </summary>
public sealed class TestPlugins : IDisposable
{
    /// <summary>Copies the plugins into a new temporary folder.</summary>
    public TestPlugins(bool withBroken = true)
    {
        Directory = Path.Combine(Path.GetTempPath(), "rlgym-plugins-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(AppContext.BaseDirectory, "test-plugins");
        var good = Path.Combine(Directory, "GoodPlugin");
        System.IO.Directory.CreateDirectory(good);
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(source, "GoodPlugin")))
        {
            File.Copy(file, Path.Combine(good, Path.GetFileName(file)));
        }

        if (withBroken)
        {
            File.Copy(Path.Combine(source, "BrokenPlugins.dll"), Path.Combine(Directory, "BrokenPlugins.dll"));
            File.WriteAllText(Path.Combine(Directory, "garbage.dll"), "this is not a .NET assembly");
        }
    }

    /// <summary>The plugins folder.</summary>
    public string Directory { get; }

    /// <summary>The path of BrokenPlugins.dll in the test output (for <c>rlgym check</c>).</summary>
    public static string BrokenPluginsPath => Path.Combine(AppContext.BaseDirectory, "test-plugins", "BrokenPlugins.dll");

    /// <summary>The path of GoodPlugin.dll in the test output.</summary>
    public static string GoodPluginPath => Path.Combine(AppContext.BaseDirectory, "test-plugins", "GoodPlugin", "GoodPlugin.dll");

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A loaded plugin may keep its file open on some platforms; the temp folder is cleaned by the OS.
        }
    }
}
