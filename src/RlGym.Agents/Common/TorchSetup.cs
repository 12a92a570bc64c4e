using TorchSharp;

namespace RlGym.Agents.Common;

/// <summary>
/// Loads libtorch once and configures it for the small networks these agents train: one intra-op thread (with two
/// threads on two busy cores libgomp spin-waits and throughput falls ~50x), float32 defaults, and a C heap that keeps
/// the memory libtorch frees between operations (<see cref="NativeHeap"/>).
/// </summary>
public static class TorchSetup
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        torch.set_num_threads(1);
        NativeHeap.KeepFreedMemory();
        return true;
    });

    /// <summary>
    /// Held for every draw from torch's global generator (process-wide state that <c>init.orthogonal_</c> cannot be
    /// given a generator instead of): weight initialisation takes it, so no network made on one thread lands between
    /// another thread's seeding and the weights that seed defines. Re-entrant.
    /// </summary>
    internal static readonly Lock GlobalGenerator = new();

    // OpenMP's thread count is a per-thread setting: every thread that runs torch work sets it once.
    [ThreadStatic]
    private static bool _threadConfigured;

    /// <summary>Loads libtorch and sets one intra-op thread for the calling thread; cheap after the first call.</summary>
    public static void EnsureInitialized()
    {
        _ = Initialized.Value;
        if (!_threadConfigured)
        {
            torch.set_num_threads(1);
            _threadConfigured = true;
        }
    }

    /// <summary>
    /// Runs <paramref name="create"/> (which initialises weights from torch's global generator) right after seeding
    /// that generator, under <see cref="GlobalGenerator"/>, so concurrent trainings each get the weights their seed
    /// defines.
    /// </summary>
    internal static T Seeded<T>(ulong seed, Func<T> create)
    {
        EnsureInitialized();
        lock (GlobalGenerator)
        {
            torch.manual_seed(unchecked((long)seed));
            return create();
        }
    }
}
