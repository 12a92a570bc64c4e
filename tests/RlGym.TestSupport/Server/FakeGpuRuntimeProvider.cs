using RlGym.Gpu;
using RlGym.Server.Backends;

namespace RlGym.TestSupport.Server;

/// <summary>
/// An <see cref="IGpuRuntimeProvider"/> for machines without a GPU. <see cref="WithCpuAccelerator"/> says a GPU is
/// present and hands out a runtime over ILGPU's CPU accelerator (<see cref="GpuRuntime.CreateCpu"/>, made on first
/// call), so the server's GPU path runs for real, kernels and all; <see cref="WithoutGpu"/> says there is none. Counts
/// the calls, so a test can tell whether the server asked.
/// </summary>
/// <example>
/// <code>
/// using var gpu = FakeGpuRuntimeProvider.WithCpuAccelerator();
/// await using var server = await LoopbackServer.StartAsync(registry, configureBuilder: b => b.Services.AddSingleton&lt;IGpuRuntimeProvider&gt;(gpu));
/// </code>
/// </example>
public sealed class FakeGpuRuntimeProvider : IGpuRuntimeProvider, IDisposable
{
    private readonly Lazy<GpuRuntime>? _runtime;
    private readonly string _found;
    private int _calls;

    private FakeGpuRuntimeProvider(Lazy<GpuRuntime>? runtime, string found)
    {
        _runtime = runtime;
        _found = found;
    }

    /// <summary>How often <see cref="TryGet"/> was called.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>A provider that says a GPU is present: ILGPU's CPU accelerator.</summary>
    public static FakeGpuRuntimeProvider WithCpuAccelerator() => new(new Lazy<GpuRuntime>(GpuRuntime.CreateCpu), "");

    /// <summary>A provider that says there is no GPU, and that it found <paramref name="found"/> instead.</summary>
    public static FakeGpuRuntimeProvider WithoutGpu(string found = "CPU accelerator (fake)") => new(null, found);

    /// <inheritdoc />
    public GpuRuntime? TryGet(out string found)
    {
        Interlocked.Increment(ref _calls);
        found = _found;
        return _runtime?.Value;
    }

    /// <summary>Disposes the runtime if one was made.</summary>
    public void Dispose()
    {
        if (_runtime is { IsValueCreated: true })
        {
            _runtime.Value.Dispose();
        }
    }
}
