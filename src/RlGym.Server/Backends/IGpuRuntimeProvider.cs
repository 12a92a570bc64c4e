using RlGym.Gpu;

namespace RlGym.Server.Backends;

/// <summary>
/// The GPU the server's GPU vector environments run on, if any. The server's default asks ILGPU for a CUDA device once
/// per process (<see cref="GpuRuntime.TryGetCuda"/>); a host may register its own, e.g. to pick a device, and tests
/// register one over ILGPU's CPU accelerator to run the GPU path on a machine without a GPU.
/// </summary>
public interface IGpuRuntimeProvider
{
    /// <summary>The runtime to run GPU vector environments on, not owned by the caller; null when there is none.</summary>
    /// <param name="found">When null is returned, what was found instead (for the error message), e.g. <c>CPU accelerator (CPUAccelerator)</c>.</param>
    GpuRuntime? TryGet(out string found);
}
