using RlGym.Gpu;

namespace RlGym.Server.Backends;

/// <summary>The server's default <see cref="IGpuRuntimeProvider"/>: the process-wide CUDA runtime, probed once on first need.</summary>
internal sealed class CudaRuntimeProvider : IGpuRuntimeProvider
{
    /// <inheritdoc />
    public GpuRuntime? TryGet(out string found) => GpuRuntime.TryGetCuda(out found);
}
