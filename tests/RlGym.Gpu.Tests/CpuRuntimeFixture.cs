namespace RlGym.Gpu.Tests;

/// <summary>One ILGPU CPU-accelerator runtime shared by a test class (creating one costs ~100 ms).</summary>
public sealed class CpuRuntimeFixture : IDisposable
{
    /// <summary>The runtime.</summary>
    public GpuRuntime Runtime { get; } = GpuRuntime.CreateCpu();

    /// <inheritdoc />
    public void Dispose() => Runtime.Dispose();
}
