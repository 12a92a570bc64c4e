using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace RlGym.Gpu;

/// <summary>
/// One ILGPU context and accelerator that GPU vector environments run on: a CUDA device, or ILGPU's CPU accelerator,
/// which simulates a GPU on the host for tests and debugging (hundreds of times slower than the CPU variants; never
/// a serving backend).
/// </summary>
public sealed class GpuRuntime : IDisposable
{
    private static readonly Lazy<(GpuRuntime? Runtime, string Found)> SharedCuda = new(ProbeCuda, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Context _context;

    private GpuRuntime(Context context, Accelerator accelerator)
    {
        _context = context;
        Accelerator = accelerator;
    }

    /// <summary>The accelerator kernels run on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>True for a CUDA device, false for ILGPU's CPU accelerator.</summary>
    public bool IsCuda => Accelerator.AcceleratorType == AcceleratorType.Cuda;

    /// <summary>The device, e.g. "NVIDIA H100 80GB HBM3 (Cuda)".</summary>
    public string Description => $"{Accelerator.Name} ({Accelerator.AcceleratorType})";

    /// <summary>
    /// The process-wide CUDA runtime (the first CUDA device), probed once; null when there is none, with
    /// <paramref name="found"/> naming the accelerators ILGPU found instead.
    /// </summary>
    public static GpuRuntime? TryGetCuda(out string found)
    {
        var (runtime, description) = SharedCuda.Value;
        found = description;
        return runtime;
    }

    /// <summary>The process-wide CUDA runtime.</summary>
    /// <exception cref="GpuUnavailableException">No CUDA device; the message names what was found.</exception>
    public static GpuRuntime GetCuda() =>
        TryGetCuda(out var found) ?? throw new GpuUnavailableException($"no CUDA device; found: {found}");

    /// <summary>A new runtime on ILGPU's CPU accelerator (for tests and debugging); dispose it when done.</summary>
    public static GpuRuntime CreateCpu()
    {
        var context = Context.Create(builder => builder.CPU());
        try
        {
            return new(context, context.CreateCPUAccelerator(0));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }

    private static (GpuRuntime? Runtime, string Found) ProbeCuda()
    {
        Context? context = null;
        try
        {
            context = Context.Create(builder => builder.Cuda().CPU());
            var found = string.Join(", ", context.Devices.Select(d => $"{d.AcceleratorType} accelerator ({d.Name})").Distinct());
            var cuda = context.GetCudaDevices();
            if (cuda.Count == 0)
            {
                context.Dispose();
                return (null, found.Length == 0 ? "no accelerators" : found);
            }

            return (new GpuRuntime(context, cuda[0].CreateAccelerator(context)), found);
        }
#pragma warning disable CA1031 // A failed probe (no driver, broken install) means "no GPU", reported by its message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context?.Dispose();
            return (null, $"CUDA probe failed ({e.GetType().Name}: {e.Message})");
        }
    }
}
