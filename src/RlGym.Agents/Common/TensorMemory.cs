using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.Common;

/// <summary>
/// A tensor's elements as a span over libtorch's own memory, for the loops that are cheaper in C# than as a chain of
/// tensor operations (the optimisers' element-wise updates: one pass instead of six kernels and two temporaries).
/// </summary>
internal static unsafe partial class TensorMemory
{
    /// <summary>
    /// The elements of <paramref name="tensor"/>, in place: writes change the tensor. The span is valid while the tensor
    /// (or another tensor sharing its storage) is alive and not resized.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not a contiguous float32 tensor on the CPU.</exception>
    public static Span<float> Floats(Tensor tensor)
    {
        if (tensor.dtype != ScalarType.Float32 || tensor.device_type != DeviceType.CPU || !tensor.is_contiguous())
        {
            throw new ArgumentException(
                $"Expected a contiguous float32 CPU tensor; got {tensor.dtype} on {tensor.device_type}{(tensor.is_contiguous() ? "" : ", not contiguous")}.",
                nameof(tensor));
        }

        return new Span<float>((void*)Data(tensor.Handle), checked((int)tensor.numel()));
    }

    // TorchSharp's own export (tensor->data_ptr(): the first element, storage offset included).
    [LibraryImport("LibTorchSharp", EntryPoint = "THSTensor_data")]
    private static partial IntPtr Data(IntPtr tensor);
}
