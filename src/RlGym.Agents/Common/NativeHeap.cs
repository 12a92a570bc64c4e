using System.Runtime.InteropServices;

namespace RlGym.Agents.Common;

/// <summary>
/// Keeps the C heap's freed memory in the process instead of handing it back to the kernel after every tensor
/// operation.
/// </summary>
/// <remarks>
/// libtorch mallocs and frees each operation's result. glibc returns a heap's free top to the kernel once it exceeds
/// twice the largest block it last served by <c>mmap</c> (a few hundred KiB for these networks), so every update freed
/// its temporaries, the top was trimmed, and the next update page-faulted the same memory back in: 628k page faults in
/// 1,200 SAC Pendulum steps against 32k with the thresholds fixed, and 63 against 108 env-steps/s on this VM (the
/// usual advice for PyTorch on the CPU is another allocator for the same reason). Fixed thresholds keep up to
/// <see cref="TrimThreshold"/> free at a heap's top and serve blocks below <see cref="MmapThreshold"/> from the heap.
/// </remarks>
internal static partial class NativeHeap
{
    /// <summary>Free memory a heap keeps at its top before returning any to the kernel.</summary>
    public const int TrimThreshold = 64 << 20;

    /// <summary>Blocks at least this large get their own mapping (glibc's largest allowed threshold).</summary>
    public const int MmapThreshold = 32 << 20;

    private const int MallocTrimThreshold = -1; // M_TRIM_THRESHOLD in glibc's malloc.h
    private const int MallocMmapThreshold = -3; // M_MMAP_THRESHOLD

    /// <summary>
    /// Fixes glibc's trim and mmap thresholds for the whole process, unless the user set malloc tunables of their own
    /// (<c>GLIBC_TUNABLES=glibc.malloc...</c>). Returns whether it did: false off Linux, on a C library without
    /// <c>mallopt</c>, or when the user's settings stand.
    /// </summary>
    public static bool KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux() || (Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) ?? false))
        {
            return false;
        }

        try
        {
            return Mallopt(MallocTrimThreshold, TrimThreshold) == 1 && Mallopt(MallocMmapThreshold, MmapThreshold) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
