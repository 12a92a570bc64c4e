namespace RlGym.Core.Spaces;

/// <summary>
/// A <see cref="Box{T}"/> seen without its element type: what code that handles every dtype the same way (encoders,
/// checkpoints, network input sizes) reads. <see cref="Create"/> builds the <see cref="Box{T}"/> for a dtype.
/// </summary>
public interface IBox
{
    /// <summary>Element type.</summary>
    DType DType { get; }

    /// <summary>Array shape.</summary>
    IReadOnlyList<int> Shape { get; }

    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    int Size { get; }

    /// <summary>Lower bounds, widened to double; -inf where unbounded.</summary>
    IReadOnlyList<double> Low { get; }

    /// <summary>Upper bounds, widened to double; +inf where unbounded.</summary>
    IReadOnlyList<double> High { get; }

    /// <summary>
    /// The <see cref="Box{T}"/> of <paramref name="dtype"/> with these bounds, or null when Box has no element type for
    /// it (Box dtypes: float32, float64, int8, int16, int32, int64, uint8 and bool).
    /// </summary>
    public static Space? Create(DType dtype, double[] low, double[] high, int[] shape) => dtype switch
    {
        DType.Float32 => new Box<float>(low, high, shape),
        DType.Float64 => new Box<double>(low, high, shape),
        DType.Int8 => new Box<sbyte>(low, high, shape),
        DType.Int16 => new Box<short>(low, high, shape),
        DType.Int32 => new Box<int>(low, high, shape),
        DType.Int64 => new Box<long>(low, high, shape),
        DType.UInt8 => new Box<byte>(low, high, shape),
        DType.Bool => new Box<bool>(low, high, shape),
        _ => null,
    };
}
