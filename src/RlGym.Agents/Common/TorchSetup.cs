using TorchSharp;

namespace RlGym.Agents.Common;

/// <summary>
/// Loads libtorch once and configures it for the small networks these agents train: one intra-op thread (with two
/// threads on two busy cores libgomp spin-waits and throughput falls ~50x) and float32 defaults.
/// </summary>
public static class TorchSetup
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        torch.set_num_threads(1);
        return true;
    });

    /// <summary>Loads libtorch and sets one thread; cheap after the first call.</summary>
    public static void EnsureInitialized() => _ = Initialized.Value;
}
