namespace RlGym.Gpu.Tests;

public sealed class GpuRuntimeTests
{
    [Fact]
    public void TryGetCuda_WithoutACudaDevice_NamesWhatWasFound()
    {
        var runtime = GpuRuntime.TryGetCuda(out var found);

        if (runtime is null)
        {
            Assert.Contains("CPU", found, StringComparison.Ordinal);
            var error = Assert.Throws<GpuUnavailableException>(GpuRuntime.GetCuda);
            Assert.StartsWith("no CUDA device; found: ", error.Message, StringComparison.Ordinal);
        }
        else
        {
            // A machine with a GPU: the shared runtime is CUDA and the found list names it.
            Assert.True(runtime.IsCuda);
            Assert.Contains("Cuda", found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CreateCpu_GivesTheCpuAccelerator()
    {
        using var runtime = GpuRuntime.CreateCpu();

        Assert.False(runtime.IsCuda);
        Assert.Contains("CPU", runtime.Description, StringComparison.Ordinal);
    }
}
