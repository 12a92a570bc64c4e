using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RlGym.Protocol.SharedMemory;

/// <summary>
/// The Linux calls behind the shared-memory data path (AttachSharedMemory in environments.proto): an anonymous
/// memfd segment, mapping it, and passing its descriptor over a Unix socket (SCM_RIGHTS). x86-64 and arm64 Linux
/// (LP64) layouts; every failure is a <see cref="Win32Exception"/> with errno's message.
/// </summary>
public static unsafe partial class SharedMemoryNative
{
    private const uint MfdCloexec = 1;
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapShared = 1;
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int SoPeerCred = 17;
    private const int MsgNoSignal = 0x4000;
    private const int MsgCmsgCloexec = 0x40000000;

    /// <summary>Whether this platform has the calls (Linux only).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>
    /// A new anonymous memfd of <paramref name="bytes"/> zeroed bytes (close-on-exec), named
    /// <paramref name="name"/> in /proc/PID/fd only: it is in no file system and lives while a descriptor or a mapping does.
    /// </summary>
    public static int CreateSegment(string name, long bytes)
    {
        var fd = MemfdCreate(name, MfdCloexec);
        if (fd < 0)
        {
            throw LastError("memfd_create");
        }

        if (Ftruncate(fd, bytes) != 0)
        {
            var error = LastError("ftruncate");
            _ = Close(fd);
            throw error;
        }

        return fd;
    }

    /// <summary>Maps <paramref name="bytes"/> of <paramref name="fd"/> shared, for reading and writing.</summary>
    public static nint Map(int fd, long bytes)
    {
        var address = Mmap(0, (nuint)bytes, ProtRead | ProtWrite, MapShared, fd, 0);
        return address == -1 ? throw LastError("mmap") : address;
    }

    /// <summary>Unmaps a mapping made by <see cref="Map"/>.</summary>
    public static void Unmap(nint address, long bytes)
    {
        if (Munmap(address, (nuint)bytes) != 0)
        {
            throw LastError("munmap");
        }
    }

    /// <summary>Closes a descriptor (errors ignored: nothing to do about them).</summary>
    public static void CloseDescriptor(int fd) => _ = Close(fd);

    /// <summary>Sends <paramref name="data"/> on <paramref name="socket"/> with <paramref name="fd"/> as SCM_RIGHTS.</summary>
    public static void SendWithDescriptor(Socket socket, ReadOnlySpan<byte> data, int fd)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var control = stackalloc byte[24]; // CMSG_SPACE(sizeof(int)) on LP64
        new Span<byte>(control, 24).Clear();
        var header = (CmsgHeader*)control;
        header->Length = 20; // CMSG_LEN(sizeof(int))
        header->Level = SolSocket;
        header->Type = ScmRights;
        *(int*)(control + 16) = fd;
        fixed (byte* bytes = data)
        {
            var vector = new IoVector { Base = bytes, Length = (nuint)data.Length };
            var message = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = control, ControlLength = 24 };
            var sent = SendMsg((int)socket.Handle, &message, MsgNoSignal);
            if (sent != data.Length)
            {
                throw sent < 0 ? LastError("sendmsg") : new IOException($"sendmsg sent {sent} of {data.Length} bytes.");
            }
        }
    }

    /// <summary>
    /// Receives exactly <paramref name="data"/>.Length bytes from <paramref name="socket"/> (blocking) and the
    /// descriptor sent with them as SCM_RIGHTS; -1 when none came. 0 bytes read means the peer closed: an <see cref="EndOfStreamException"/>.
    /// </summary>
    public static int ReceiveWithDescriptor(Socket socket, Span<byte> data)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var control = stackalloc byte[24];
        new Span<byte>(control, 24).Clear();
        var fd = -1;
        var filled = 0;
        fixed (byte* bytes = data)
        {
            while (filled < data.Length)
            {
                var vector = new IoVector { Base = bytes + filled, Length = (nuint)(data.Length - filled) };
                var message = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = control, ControlLength = 24 };
                var received = RecvMsg((int)socket.Handle, &message, MsgCmsgCloexec);
                if (received < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == 4 /* EINTR */ || errno == 11 /* EAGAIN */)
                    {
                        _ = socket.Poll(-1, SelectMode.SelectRead);
                        continue;
                    }

                    throw new Win32Exception(errno, $"recvmsg: {Marshal.GetPInvokeErrorMessage(errno)}");
                }

                if (received == 0)
                {
                    throw new EndOfStreamException("The peer closed the socket.");
                }

                var header = (CmsgHeader*)control;
                if (message.ControlLength >= 20 && header->Level == SolSocket && header->Type == ScmRights)
                {
                    fd = *(int*)(control + 16);
                    header->Length = 0;
                }

                filled += (int)received;
            }
        }

        return fd;
    }

    /// <summary>The user id of the process at the other end of a connected Unix socket (SO_PEERCRED).</summary>
    public static uint PeerUserId(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> credentials = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        _ = socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
        return BitConverter.ToUInt32(credentials[4..8]);
    }

    /// <summary>This process's effective user id.</summary>
    public static uint EffectiveUserId() => GetEuid();

    private static Win32Exception LastError(string call)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new Win32Exception(errno, $"{call}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CmsgHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMsg(int socket, MessageHeader* message, int flags);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint RecvMsg(int socket, MessageHeader* message, int flags);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
