namespace RlGym.Cli.Tests;

/// <summary>A fact that needs Linux and <c>/usr/bin/prlimit</c> (util-linux) to run a server under a low descriptor limit; skipped with the reason elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PrlimitFactAttribute : FactAttribute
{
    /// <summary>The prlimit executable.</summary>
    public const string Prlimit = "/usr/bin/prlimit";

    public PrlimitFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Prlimit))
        {
            Skip = $"needs Linux and {Prlimit} (util-linux)";
        }
    }
}
