using System.Runtime.InteropServices;

namespace RlGym.Server.Connections;

/// <summary>
/// Makes room for a Unix domain socket at a path: a socket left there by an earlier run is removed, any other kind
/// of file is refused, so <c>--uds PATH</c> never deletes a user's file.
/// </summary>
internal static partial class UnixSocketFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int FileTypeMask = 0xF000;
    private const int SocketType = 0xC000;

    /// <summary>Removes a stale socket at <paramref name="path"/>; nothing there is fine.</summary>
    /// <exception cref="IOException">Something other than a socket is at <paramref name="path"/>.</exception>
    public static void Prepare(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return;
        }

        if (IsSocket(path) is not true)
        {
            throw new IOException(
                $"Cannot listen on the Unix socket {Core.Formatting.Quote(path)}: a file that is not a socket is there. Remove it, or choose another path.");
        }

        File.Delete(path);
    }

    /// <summary>Whether <paramref name="path"/> is a socket; null where that cannot be told (statx missing).</summary>
    public static bool? IsSocket(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Sockets have no size; elsewhere, an empty file is all that may be replaced.
            return File.Exists(path) && new FileInfo(path).Length == 0;
        }

        // struct statx is the same on every Linux architecture: stx_mode (u16) at offset 28; 256 bytes hold it all.
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        var mode = BitConverter.ToUInt16(buffer[28..30]);
        return (mode & FileTypeMask) == SocketType;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}
