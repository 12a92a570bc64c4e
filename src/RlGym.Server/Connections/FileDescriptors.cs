using System.Globalization;

namespace RlGym.Server.Connections;

/// <summary>
/// The process's file-descriptor budget on Linux (read from <c>/proc/self</c>), from which the default
/// <see cref="RlGymServerOptions.MaxConnections"/> is derived: every connection holds one descriptor, and a process that
/// runs out of them fails in places that cannot recover (the .NET runtime prints "Out of memory." and aborts).
/// </summary>
internal static class FileDescriptors
{
    /// <summary>Connections allowed where the limit cannot be read (not Linux).</summary>
    public const int FallbackMaxConnections = 4096;

    /// <summary>
    /// The default connection limit: the soft RLIMIT_NOFILE, less the descriptors open now (assemblies, listeners, logs),
    /// less headroom for what the server opens later (assemblies loaded on first use, sockets being refused, the runtime's
    /// own: 1/4 of the limit, at least 128; 64 was measured too little for a busy server under 512); at least 1.
    /// <see cref="FallbackMaxConnections"/> where the limit cannot be read.
    /// </summary>
    public static int DefaultMaxConnections()
    {
        if (SoftLimit() is not { } soft)
        {
            return FallbackMaxConnections;
        }

        var open = OpenCount() ?? 256;
        var headroom = Math.Max(128, soft / 4);
        return (int)Math.Clamp(soft - open - headroom, 1, int.MaxValue);
    }

    /// <summary>The soft limit on open file descriptors (RLIMIT_NOFILE); null where it cannot be read or is unlimited.</summary>
    public static long? SoftLimit()
    {
        try
        {
            // "Max open files            1024                 1048576              files"
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or /proc is not mounted.
        }

        return null;
    }

    /// <summary>File descriptors the process has open now; null where that cannot be read.</summary>
    public static int? OpenCount()
    {
        try
        {
            return Directory.Exists("/proc/self/fd") ? Directory.EnumerateFileSystemEntries("/proc/self/fd").Count() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
