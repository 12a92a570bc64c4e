using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Google.Protobuf;
using RlGym.Core.Spaces;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Conversions;

/// <summary>
/// Batches of a space's values (the layout of <c>RlGym.Core.Vector.SpaceBatching</c>) to and from one
/// <see cref="Proto.Value"/> with the copy index first: a Box&lt;T&gt; batch <c>T[]</c> is one tensor of the box's dtype
/// and shape <c>[n, ...shape]</c>; a Discrete batch <c>int[]</c> an INT64 tensor <c>[n]</c>; a MultiDiscrete batch
/// <c>int[]</c> an INT64 tensor <c>[n, ...shape]</c>; a MultiBinary batch <c>sbyte[]</c> an INT8 tensor; a Tuple batch
/// (<c>object[]</c> of sub-batches) a tuple of those. Same-typed data moves as one memory copy; int32 batches are
/// widened to (or narrowed from) INT64 in one tight loop, the only per-element work.
/// </summary>
public static class BatchCodec
{
    /// <summary>Encodes <paramref name="batch"/>, <paramref name="numEnvs"/> values of <paramref name="space"/>.</summary>
    /// <exception cref="InvalidOperationException">The batch does not have the space's batch type and length (a bug in the environment).</exception>
    public static Proto.Value Encode(object batch, Space space, int numEnvs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(space);
        return space switch
        {
            Box<float> box => EncodeSame<float>(batch, box, numEnvs),
            Box<double> box => EncodeSame<double>(batch, box, numEnvs),
            Box<sbyte> box => EncodeSame<sbyte>(batch, box, numEnvs),
            Box<short> box => EncodeSame<short>(batch, box, numEnvs),
            Box<int> box => EncodeSame<int>(batch, box, numEnvs),
            Box<long> box => EncodeSame<long>(batch, box, numEnvs),
            Box<byte> box => EncodeSame<byte>(batch, box, numEnvs),
            Box<bool> box => EncodeSame<bool>(batch, box, numEnvs),
            Discrete => EncodeWidened(batch, space, [], numEnvs),
            MultiDiscrete multi => EncodeWidened(batch, space, multi.Shape, numEnvs),
            MultiBinary binary => EncodeSame<sbyte>(batch, binary, numEnvs),
            TupleSpace tuple => EncodeTuple(batch, tuple, numEnvs),
            _ => throw new NotSupportedException($"Batches of {space} ({space.GetType().Name}) have no rlgym.v1 encoding; supported: Box, Discrete, MultiDiscrete, MultiBinary, Tuple."),
        };
    }

    /// <summary>
    /// Decodes <paramref name="value"/> as <paramref name="numEnvs"/> values of <paramref name="space"/> into
    /// <paramref name="target"/> when it is given (a batch of the right type and length, reused between calls), else
    /// into a new batch; returns the batch. <paramref name="what"/> names the value in messages, e.g. <c>action</c>.
    /// </summary>
    /// <exception cref="ProtocolException">Wrong kind, dtype or shape; the message says what was expected.</exception>
    public static object Decode(Proto.Value value, Space space, int numEnvs, string what = "batch", object? target = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(space);
        return space switch
        {
            Box<float> box => DecodeSame(value, box, numEnvs, what, target as float[]),
            Box<double> box => DecodeSame(value, box, numEnvs, what, target as double[]),
            Box<sbyte> box => DecodeSame(value, box, numEnvs, what, target as sbyte[]),
            Box<short> box => DecodeSame(value, box, numEnvs, what, target as short[]),
            Box<int> box => DecodeSame(value, box, numEnvs, what, target as int[]),
            Box<long> box => DecodeSame(value, box, numEnvs, what, target as long[]),
            Box<byte> box => DecodeSame(value, box, numEnvs, what, target as byte[]),
            Box<bool> box => DecodeSame(value, box, numEnvs, what, target as bool[]),
            Discrete => DecodeNarrowed(value, space, [], numEnvs, what, target as int[]),
            MultiDiscrete multi => DecodeNarrowed(value, space, multi.Shape, numEnvs, what, target as int[]),
            MultiBinary binary => DecodeSame(value, binary, numEnvs, what, target as sbyte[]),
            TupleSpace tuple => DecodeTuple(value, tuple, numEnvs, what, target as object[]),
            _ => throw new NotSupportedException($"Batches of {space} ({space.GetType().Name}) have no rlgym.v1 encoding; supported: Box, Discrete, MultiDiscrete, MultiBinary, Tuple."),
        };
    }

    /// <summary>
    /// Encodes a vector environment's info dict into <paramref name="target"/>: arrays become tensors (rank kept),
    /// per-copy object arrays (<c>final_obs</c>) lists with None for copies that supplied nothing, nested dicts dicts.
    /// </summary>
    public static void EncodeInfo(IReadOnlyDictionary<string, object> info, Google.Protobuf.Collections.MapField<string, Proto.Value> target)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (key, value) in info)
        {
            target[key] = EncodeInfoValue(value);
        }
    }

    /// <summary>
    /// Decodes a vector info dict as <c>RlGym.Core.Vector.VectorInfo</c> builds it locally: lists become
    /// <c>object?[]</c> (one entry per copy), tensors arrays, nested dicts dictionaries.
    /// </summary>
    public static IReadOnlyDictionary<string, object> DecodeInfo(IEnumerable<KeyValuePair<string, Proto.Value>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = DecodeInfoValue(value)!;
        }

        return result;
    }

    private static Proto.Value EncodeInfoValue(object? value) => value switch
    {
        object?[] items when items.GetType() == typeof(object[]) => EncodeList(items),
        IReadOnlyDictionary<string, object> nested => EncodeNested(nested),
        _ => ValueCodec.FromPlain(value),
    };

    private static Proto.Value EncodeList(object?[] items)
    {
        var list = new Proto.ListValue();
        foreach (var item in items)
        {
            list.Items.Add(ValueCodec.FromPlain(item));
        }

        return new Proto.Value { List = list };
    }

    private static Proto.Value EncodeNested(IReadOnlyDictionary<string, object> nested)
    {
        var dict = new Proto.DictValue();
        foreach (var (key, value) in nested)
        {
            dict.Entries.Add(new Proto.DictValueEntry { Key = key, Value = EncodeInfoValue(value) });
        }

        return new Proto.Value { Dict = dict };
    }

    private static object? DecodeInfoValue(Proto.Value value) => value.KindCase switch
    {
        Proto.Value.KindOneofCase.List => value.List.Items.Select(ValueCodec.ToPlain).ToArray(),
        Proto.Value.KindOneofCase.Dict => value.Dict.Entries.ToDictionary(e => e.Key, e => DecodeInfoValue(e.Value)!, StringComparer.Ordinal),
        _ => ValueCodec.ToPlain(value),
    };

    /// <summary>The shape of a batch of <paramref name="numEnvs"/> values of <paramref name="itemShape"/>: <c>[n, ...shape]</c>.</summary>
    public static int[] BatchShape(int numEnvs, IReadOnlyList<int> itemShape)
    {
        ArgumentNullException.ThrowIfNull(itemShape);
        var shape = new int[itemShape.Count + 1];
        shape[0] = numEnvs;
        for (var i = 0; i < itemShape.Count; i++)
        {
            shape[i + 1] = itemShape[i];
        }

        return shape;
    }

    private static Proto.Value EncodeSame<T>(object batch, Space space, int numEnvs)
        where T : unmanaged
    {
        var shape = BatchShape(numEnvs, space.Shape);
        var data = batch as T[] ?? throw Mismatch(batch, space, $"a {typeof(T).Name}[]");
        return data.Length == Count(shape)
            ? new Proto.Value { Tensor = TensorCodec.Encode<T>(data, shape) }
            : throw Mismatch(batch, space, $"a {typeof(T).Name}[] of {Count(shape)} elements");
    }

    private static Proto.Value EncodeWidened(object batch, Space space, IReadOnlyList<int> itemShape, int numEnvs)
    {
        var shape = BatchShape(numEnvs, itemShape);
        if (batch is not int[] data || data.Length != Count(shape))
        {
            throw Mismatch(batch, space, $"an int[] of {Count(shape)} elements");
        }

        // One buffer that becomes the tensor's bytes without another copy.
        var bytes = new byte[data.Length * sizeof(long)];
        var wide = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
        for (var i = 0; i < data.Length; i++)
        {
            wide[i] = data[i];
        }

        var tensor = new Proto.Tensor { Dtype = Proto.DType.Int64, Data = UnsafeByteOperations.UnsafeWrap(bytes) };
        foreach (var dim in shape)
        {
            tensor.Shape.Add(dim);
        }

        return new Proto.Value { Tensor = tensor };
    }

    private static Proto.Value EncodeTuple(object batch, TupleSpace tuple, int numEnvs)
    {
        if (batch is not object[] parts || parts.Length != tuple.Spaces.Count)
        {
            throw Mismatch(batch, tuple, $"an object[] of {tuple.Spaces.Count} sub-batches");
        }

        var value = new Proto.TupleValue();
        for (var k = 0; k < parts.Length; k++)
        {
            value.Items.Add(Encode(parts[k], tuple.Spaces[k], numEnvs));
        }

        return new Proto.Value { Tuple = value };
    }

    private static T[] DecodeSame<T>(Proto.Value value, Space space, int numEnvs, string what, T[]? target)
        where T : unmanaged
    {
        var shape = BatchShape(numEnvs, space.Shape);
        var tensor = RequireTensor(value, space, shape, what, TensorCodec.DTypeOf<T>());
        if (tensor.Dtype != TensorCodec.DTypeOf<T>())
        {
            throw Expected(value, space, shape, what, TensorCodec.DTypeOf<T>());
        }

        var result = target is not null && target.Length == Count(shape) ? target : new T[Count(shape)];
        MemoryMarshal.Cast<byte, T>(tensor.Data.Span).CopyTo(result);
        return result;
    }

    private static int[] DecodeNarrowed(Proto.Value value, Space space, IReadOnlyList<int> itemShape, int numEnvs, string what, int[]? target)
    {
        var shape = BatchShape(numEnvs, itemShape);
        var tensor = RequireTensor(value, space, shape, what, Proto.DType.Int64);
        var result = target is not null && target.Length == Count(shape) ? target : new int[Count(shape)];
        switch (tensor.Dtype)
        {
            case Proto.DType.Int32:
                MemoryMarshal.Cast<byte, int>(tensor.Data.Span).CopyTo(result);
                break;
            case Proto.DType.Int64:
                var wide = MemoryMarshal.Cast<byte, long>(tensor.Data.Span);
                var i = NarrowInRange(wide, result);
                for (; i < wide.Length; i++)
                {
                    var item = wide[i];
                    result[i] = item is >= int.MinValue and <= int.MaxValue
                        ? (int)item
                        : throw new ProtocolException($"{what}[{i}] = {item} does not fit in an int32; {space} values are small integers.");
                }

                break;
            default:
                throw Expected(value, space, shape, what, Proto.DType.Int64);
        }

        return result;
    }

    /// <summary>
    /// Narrows <paramref name="wide"/> into <paramref name="narrow"/> eight at a time while every value fits an int32;
    /// returns where it stopped (the caller's scalar loop narrows the rest, naming the first value that does not fit).
    /// </summary>
    private static int NarrowInRange(ReadOnlySpan<long> wide, Span<int> narrow)
    {
        var i = 0;
        if (!Vector256.IsHardwareAccelerated)
        {
            return i;
        }

        ref var source = ref MemoryMarshal.GetReference(wide);
        ref var destination = ref MemoryMarshal.GetReference(narrow);
        var low = Vector256.Create((long)int.MinValue);
        var high = Vector256.Create((long)int.MaxValue);
        for (var count = Math.Min(wide.Length, narrow.Length); i + 8 <= count; i += 8)
        {
            var first = Vector256.LoadUnsafe(ref source, (nuint)i);
            var second = Vector256.LoadUnsafe(ref source, (nuint)(i + 4));
            var outside = Vector256.LessThan(first, low) | Vector256.GreaterThan(first, high)
                | Vector256.LessThan(second, low) | Vector256.GreaterThan(second, high);
            if (outside != Vector256<long>.Zero)
            {
                break;
            }

            Vector256.Narrow(first, second).StoreUnsafe(ref destination, (nuint)i);
        }

        return i;
    }

    private static object[] DecodeTuple(Proto.Value value, TupleSpace tuple, int numEnvs, string what, object[]? target)
    {
        if (value.KindCase != Proto.Value.KindOneofCase.Tuple || value.Tuple.Items.Count != tuple.Spaces.Count)
        {
            throw new ProtocolException(
                $"{what} must be a tuple of {tuple.Spaces.Count} batches (one per sub-space of {tuple}), got {ValueCodec.Describe(value)}.");
        }

        var result = target is not null && target.Length == tuple.Spaces.Count ? target : new object[tuple.Spaces.Count];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = Decode(value.Tuple.Items[k], tuple.Spaces[k], numEnvs, $"{what}[{k}]", result[k]);
        }

        return result;
    }

    private static Proto.Tensor RequireTensor(Proto.Value value, Space space, int[] shape, string what, Proto.DType dtype)
    {
        if (value.KindCase != Proto.Value.KindOneofCase.Tensor)
        {
            throw Expected(value, space, shape, what, dtype);
        }

        TensorCodec.Validate(value.Tensor);
        return TensorCodec.HasShape(value.Tensor, shape) ? value.Tensor : throw Expected(value, space, shape, what, dtype);
    }

    private static ProtocolException Expected(Proto.Value value, Space space, int[] shape, string what, Proto.DType dtype) =>
        new($"{what} must be a {TensorCodec.Name(dtype)} tensor of shape {TensorCodec.ShapeText(shape.Select(d => (long)d))} "
            + $"(copy index first, one value of {space} per copy), got {ValueCodec.Describe(value)}.");

    private static InvalidOperationException Mismatch(object batch, Space space, string expected) =>
        new($"A batch of {space} must be {expected}, got {batch.GetType().Name}{(batch is Array a ? $" of {a.Length} elements" : "")}.");

    private static int Count(int[] shape)
    {
        var count = 1;
        foreach (var dim in shape)
        {
            count *= dim;
        }

        return count;
    }
}
