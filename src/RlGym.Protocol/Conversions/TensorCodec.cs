using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Google.Protobuf;
using RlGym.Protocol.V1;
using CoreDType = RlGym.Core.Spaces.DType;

namespace RlGym.Protocol.Conversions;

/// <summary>
/// Arrays to and from <see cref="Tensor"/>: dtype + shape + raw little-endian row-major bytes. Encoding is one
/// memory copy of the array's bytes, decoding one memory copy into a new array; no per-element conversion.
/// </summary>
/// <remarks>
/// Supported element types and their dtypes: <c>float</c> FLOAT32, <c>double</c> FLOAT64, <c>sbyte</c> INT8,
/// <c>short</c> INT16, <c>int</c> INT32, <c>long</c> INT64, <c>byte</c> UINT8, <c>ushort</c> UINT16, <c>uint</c>
/// UINT32, <c>ulong</c> UINT64, <c>bool</c> BOOL (one byte, 0 or 1). Every decode validates the tensor first
/// (<see cref="Validate"/>) and throws <see cref="ProtocolException"/> when it is malformed.
/// </remarks>
public static class TensorCodec
{
    /// <summary>Encodes a copy of <paramref name="data"/> with the given <paramref name="shape"/> (empty = scalar).</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public static Tensor Encode<T>(ReadOnlySpan<T> data, ReadOnlySpan<int> shape)
        where T : unmanaged
    {
        var dtype = DTypeOf<T>();
        var tensor = new Tensor { Dtype = dtype };
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Tensor shape [{string.Join(", ", shape.ToArray())}] has a negative dimension.", nameof(shape));
            }

            count *= dim;
            tensor.Shape.Add(dim);
        }

        if (count != data.Length)
        {
            throw new ArgumentException(
                $"A tensor of shape [{string.Join(", ", shape.ToArray())}] holds {count} elements, but {data.Length} were given.", nameof(data));
        }

        RequireLittleEndian();
        tensor.Data = ByteString.CopyFrom(MemoryMarshal.AsBytes(data));
        return tensor;
    }

    /// <summary>Encodes a copy of <paramref name="data"/> as a one-dimensional tensor of shape <c>[data.Length]</c>.</summary>
    public static Tensor Encode<T>(ReadOnlySpan<T> data)
        where T : unmanaged => Encode(data, [data.Length]);

    /// <summary>Encodes a copy of <paramref name="data"/> with the given <paramref name="shape"/>.</summary>
    public static Tensor Encode<T>(ReadOnlySpan<T> data, IReadOnlyList<int> shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Encode(data, shape.ToArray().AsSpan());
    }

    /// <summary>Encodes one value as a scalar tensor (shape <c>[]</c>), e.g. a FLOAT64 reward.</summary>
    public static Tensor Scalar<T>(T value)
        where T : unmanaged => Encode(new ReadOnlySpan<T>(in value), []);

    /// <summary>
    /// Wraps <paramref name="bytes"/> as a UINT8 tensor WITHOUT copying. The caller hands the array over and must
    /// never modify it afterwards (e.g. a freshly rendered frame).
    /// </summary>
    public static Tensor WrapBytes(byte[] bytes, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        var tensor = new Tensor { Dtype = DType.Uint8 };
        foreach (var dim in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(shape));
            count *= dim;
            tensor.Shape.Add(dim);
        }

        if (count != bytes.Length)
        {
            throw new ArgumentException($"A UINT8 tensor of shape [{string.Join(", ", shape)}] holds {count} bytes, but {bytes.Length} were given.", nameof(bytes));
        }

        tensor.Data = UnsafeByteOperations.UnsafeWrap(bytes);
        return tensor;
    }

    /// <summary>
    /// Decodes <paramref name="tensor"/> into a flat row-major array; its dtype must be <typeparamref name="T"/>'s. The
    /// values go into <paramref name="target"/> when it has exactly the tensor's element count (a buffer reused between
    /// calls), else into a new array; returns the array written.
    /// </summary>
    /// <exception cref="ProtocolException">The tensor is malformed or holds another dtype.</exception>
    public static T[] Decode<T>(Tensor tensor, T[]? target = null)
        where T : unmanaged
    {
        Validate(tensor);
        var expected = DTypeOf<T>();
        if (tensor.Dtype != expected)
        {
            throw new ProtocolException($"Expected a {Name(expected)} tensor, got {Describe(tensor)}.");
        }

        if (target is null || target.Length != ElementCount(tensor))
        {
            return DecodeUnchecked<T>(tensor);
        }

        RequireLittleEndian();
        MemoryMarshal.Cast<byte, T>(tensor.Data.Span).CopyTo(target);
        return target;
    }

    /// <summary>Decodes <paramref name="tensor"/> into a new flat array of its own element type (e.g. <c>float[]</c>).</summary>
    /// <exception cref="ProtocolException">The tensor is malformed.</exception>
    public static Array Decode(Tensor tensor)
    {
        Validate(tensor);
        return tensor.Dtype switch
        {
            DType.Float32 => DecodeUnchecked<float>(tensor),
            DType.Float64 => DecodeUnchecked<double>(tensor),
            DType.Int8 => DecodeUnchecked<sbyte>(tensor),
            DType.Int16 => DecodeUnchecked<short>(tensor),
            DType.Int32 => DecodeUnchecked<int>(tensor),
            DType.Int64 => DecodeUnchecked<long>(tensor),
            DType.Uint8 => DecodeUnchecked<byte>(tensor),
            DType.Uint16 => DecodeUnchecked<ushort>(tensor),
            DType.Uint32 => DecodeUnchecked<uint>(tensor),
            DType.Uint64 => DecodeUnchecked<ulong>(tensor),
            DType.Bool => DecodeUnchecked<bool>(tensor),
            _ => throw new ProtocolException($"Unknown tensor dtype {(int)tensor.Dtype}."),
        };
    }

    /// <summary>
    /// Decodes an integer tensor of any integral dtype (INT8..INT64, UINT8..UINT64, BOOL) into <c>long</c> values.
    /// </summary>
    /// <exception cref="ProtocolException">The tensor is malformed, floating point, or holds a UINT64 above <c>long.MaxValue</c>.</exception>
    public static long[] DecodeIntegers(Tensor tensor)
    {
        Validate(tensor);
        var result = new long[ElementCount(tensor)];
        var bytes = tensor.Data.Span;
        switch (tensor.Dtype)
        {
            case DType.Int64:
                MemoryMarshal.Cast<byte, long>(bytes).CopyTo(result);
                break;
            case DType.Int32:
                Widen(MemoryMarshal.Cast<byte, int>(bytes), result);
                break;
            case DType.Int16:
                Widen(MemoryMarshal.Cast<byte, short>(bytes), result);
                break;
            case DType.Int8:
                Widen(MemoryMarshal.Cast<byte, sbyte>(bytes), result);
                break;
            case DType.Uint8:
            case DType.Bool:
                Widen(bytes, result);
                break;
            case DType.Uint16:
                Widen(MemoryMarshal.Cast<byte, ushort>(bytes), result);
                break;
            case DType.Uint32:
                Widen(MemoryMarshal.Cast<byte, uint>(bytes), result);
                break;
            case DType.Uint64:
                var unsigned = MemoryMarshal.Cast<byte, ulong>(bytes);
                for (var i = 0; i < unsigned.Length; i++)
                {
                    result[i] = unsigned[i] <= long.MaxValue
                        ? (long)unsigned[i]
                        : throw new ProtocolException($"UINT64 element {unsigned[i]} does not fit in an int64.");
                }

                break;
            default:
                throw new ProtocolException($"Expected an integer tensor, got {Describe(tensor)}.");
        }

        return result;
    }

    /// <summary>Most dimensions a tensor may have (NumPy's limit up to 1.x, and .NET's for arrays).</summary>
    public const int MaxRank = 32;

    /// <summary>
    /// Checks the contract of <see cref="Tensor"/>: a known dtype, at most <see cref="MaxRank"/> dimensions, each in
    /// [0, <see cref="Array.MaxLength"/>], an element count that fits an array (computed with checked arithmetic), and
    /// <c>len(data) == prod(shape) * itemsize</c>; BOOL bytes must be 0 or 1.
    /// </summary>
    /// <exception cref="ProtocolException">The tensor breaks the contract; the message says how.</exception>
    public static void Validate(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var itemSize = ItemSize(tensor.Dtype);
        if (tensor.Shape.Count > MaxRank)
        {
            throw new ProtocolException($"A tensor has {tensor.Shape.Count} dimensions; at most {MaxRank} are allowed.");
        }

        foreach (var dim in tensor.Shape)
        {
            if (dim < 0 || dim > Array.MaxLength)
            {
                throw new ProtocolException(
                    $"Tensor shape {ShapeText(tensor.Shape)} has {(dim < 0 ? "a negative dimension" : $"the dimension {dim}")}; dimensions must be in [0, {Array.MaxLength}].");
            }
        }

        long count = tensor.Shape.Contains(0) ? 0 : 1;
        for (var d = 0; d < tensor.Shape.Count && count != 0; d++)
        {
            // Both factors are at most Array.MaxLength (< 2^31), so the product fits a long; stop once it is too large.
            count *= tensor.Shape[d];
            if (count > Array.MaxLength)
            {
                throw new ProtocolException(
                    $"A tensor of shape {ShapeText(tensor.Shape)} has more elements than an array can hold ({Array.MaxLength}).");
            }
        }

        if (count > Array.MaxLength || count * itemSize != tensor.Data.Length)
        {
            throw new ProtocolException(
                $"A {Name(tensor.Dtype)} tensor of shape {ShapeText(tensor.Shape)} needs {count} x {itemSize} = {count * itemSize} bytes of data, got {tensor.Data.Length}.");
        }

        if (tensor.Dtype == DType.Bool && tensor.Data.Span.IndexOfAnyExcept((byte)0, (byte)1) >= 0)
        {
            throw new ProtocolException("A BOOL tensor's bytes must each be 0 or 1.");
        }
    }

    /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
    /// <exception cref="ProtocolException">DTYPE_UNSPECIFIED or a value this version does not know.</exception>
    public static int ItemSize(DType dtype) => dtype switch
    {
        DType.Int8 or DType.Uint8 or DType.Bool => 1,
        DType.Int16 or DType.Uint16 => 2,
        DType.Float32 or DType.Int32 or DType.Uint32 => 4,
        DType.Float64 or DType.Int64 or DType.Uint64 => 8,
        DType.Unspecified => throw new ProtocolException(
            "Tensor dtype is DTYPE_UNSPECIFIED; it must be one of FLOAT32, FLOAT64, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BOOL."),
        _ => throw new ProtocolException($"Unknown tensor dtype {(int)dtype}; this server knows dtypes 1 to 11."),
    };

    /// <summary>Number of elements: the product of the shape (1 for a scalar).</summary>
    public static long ElementCount(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        long count = 1;
        foreach (var dim in tensor.Shape)
        {
            count *= dim;
        }

        return count;
    }

    /// <summary>The wire dtype of the .NET element type <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no rlgym.v1 dtype.</exception>
    public static DType DTypeOf<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(sbyte)) return DType.Int8;
        if (typeof(T) == typeof(short)) return DType.Int16;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(byte)) return DType.Uint8;
        if (typeof(T) == typeof(ushort)) return DType.Uint16;
        if (typeof(T) == typeof(uint)) return DType.Uint32;
        if (typeof(T) == typeof(ulong)) return DType.Uint64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException($"{typeof(T).Name} has no rlgym.v1 dtype.");
    }

    /// <summary>The wire dtype of a core dtype.</summary>
    public static DType ToProto(CoreDType dtype) => dtype switch
    {
        CoreDType.Float32 => DType.Float32,
        CoreDType.Float64 => DType.Float64,
        CoreDType.Int8 => DType.Int8,
        CoreDType.Int16 => DType.Int16,
        CoreDType.Int32 => DType.Int32,
        CoreDType.Int64 => DType.Int64,
        CoreDType.UInt8 => DType.Uint8,
        CoreDType.UInt16 => DType.Uint16,
        CoreDType.UInt32 => DType.Uint32,
        CoreDType.UInt64 => DType.Uint64,
        CoreDType.Bool => DType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown core dtype."),
    };

    /// <summary>The core dtype of a wire dtype.</summary>
    /// <exception cref="ProtocolException">DTYPE_UNSPECIFIED or an unknown value.</exception>
    public static CoreDType FromProto(DType dtype) => dtype switch
    {
        DType.Float32 => CoreDType.Float32,
        DType.Float64 => CoreDType.Float64,
        DType.Int8 => CoreDType.Int8,
        DType.Int16 => CoreDType.Int16,
        DType.Int32 => CoreDType.Int32,
        DType.Int64 => CoreDType.Int64,
        DType.Uint8 => CoreDType.UInt8,
        DType.Uint16 => CoreDType.UInt16,
        DType.Uint32 => CoreDType.UInt32,
        DType.Uint64 => CoreDType.UInt64,
        DType.Bool => CoreDType.Bool,
        _ => throw new ProtocolException($"Unknown or unspecified dtype {dtype}; expected one of FLOAT32 .. BOOL."),
    };

    /// <summary>NumPy's name of a dtype: <c>float32</c>, <c>int64</c>, <c>uint8</c>, <c>bool</c>.</summary>
    public static string Name(DType dtype) => dtype switch
    {
        DType.Unspecified => "unspecified-dtype",
        _ when Enum.IsDefined(dtype) => Core.Spaces.DTypeExtensions.NumpyName(FromProto(dtype)),
        _ => $"dtype-{(int)dtype}",
    };

    /// <summary>A short description for messages, e.g. <c>a float32 tensor of shape [3]</c>.</summary>
    public static string Describe(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return $"a {Name(tensor.Dtype)} tensor of shape {ShapeText(tensor.Shape)}";
    }

    /// <summary>A shape as text: <c>[2, 3]</c>, <c>[]</c> for a scalar.</summary>
    public static string ShapeText(IEnumerable<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dims = shape.Take(MaxRank + 1).ToArray();
        return "[" + string.Join(", ", dims.Take(MaxRank)) + (dims.Length > MaxRank ? ", ..." : "") + "]";
    }

    /// <summary>True when the tensor's shape equals <paramref name="shape"/>.</summary>
    public static bool HasShape(Tensor tensor, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(shape);
        if (tensor.Shape.Count != shape.Count)
        {
            return false;
        }

        for (var i = 0; i < shape.Count; i++)
        {
            if (tensor.Shape[i] != shape[i])
            {
                return false;
            }
        }

        return true;
    }

    private static T[] DecodeUnchecked<T>(Tensor tensor)
        where T : unmanaged
    {
        RequireLittleEndian();
        return MemoryMarshal.Cast<byte, T>(tensor.Data.Span).ToArray();
    }

    private static void Widen<T>(ReadOnlySpan<T> source, long[] target)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = long.CreateTruncating(source[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireLittleEndian()
    {
        // The wire format is little-endian and copied as is; every platform .NET 10 runs on is little-endian.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("rlgym.v1 tensors are little-endian; big-endian hosts are not supported.");
        }
    }
}
