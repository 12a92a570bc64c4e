using RlGym.Core.Spaces;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Conversions;

/// <summary>
/// Core spaces to and from <see cref="Proto.Space"/>, both directions, all of Gymnasium's kinds: Box (every dtype,
/// bounds as FLOAT64 tensors of the box's shape), Discrete (n, start), MultiDiscrete (nvec, start as INT64
/// tensors), MultiBinary (shape), Dict (entries in key order) and Tuple.
/// </summary>
/// <remarks>Decoding a space and encoding it again gives the same message; the decoded space is unseeded.</remarks>
public static class SpaceCodec
{
    /// <summary>Encodes <paramref name="space"/>.</summary>
    /// <exception cref="NotSupportedException">A space type the protocol has no kind for.</exception>
    public static Proto.Space Encode(Space space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return space switch
        {
            IBox box => EncodeBox(box.DType, box.Shape, box.Low, box.High),
            Discrete discrete => new Proto.Space { Discrete = new Proto.Discrete { N = discrete.N, Start = discrete.Start } },
            MultiDiscrete multi => EncodeMultiDiscrete(multi),
            MultiBinary binary => EncodeMultiBinary(binary),
            DictSpace dict => EncodeDict(dict),
            TupleSpace tuple => EncodeTuple(tuple),
            _ => throw new NotSupportedException($"The space {space} ({space.GetType().Name}) has no rlgym.v1 encoding."),
        };
    }

    /// <summary>Decodes <paramref name="message"/> into a core space.</summary>
    /// <exception cref="ProtocolException">The message is empty or malformed (the message says which part).</exception>
    public static Space Decode(Proto.Space message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.KindCase switch
        {
            Proto.Space.KindOneofCase.Box => DecodeBox(message.Box),
            Proto.Space.KindOneofCase.Discrete => DecodeDiscrete(message.Discrete),
            Proto.Space.KindOneofCase.MultiDiscrete => DecodeMultiDiscrete(message.MultiDiscrete),
            Proto.Space.KindOneofCase.MultiBinary => DecodeMultiBinary(message.MultiBinary),
            Proto.Space.KindOneofCase.Dict => DecodeDict(message.Dict),
            Proto.Space.KindOneofCase.Tuple => new TupleSpace(message.Tuple.Spaces.Select(Decode).ToArray()),
            Proto.Space.KindOneofCase.None => throw new ProtocolException("A Space message must set one kind (box, discrete, multi_discrete, multi_binary, dict or tuple); none was set."),
            var kind => throw new ProtocolException($"Space kind {kind} is not supported by this version."),
        };
    }

    private static Proto.Space EncodeBox(DType dtype, IReadOnlyList<int> shape, IReadOnlyList<double> low, IReadOnlyList<double> high)
    {
        var box = new Proto.Box
        {
            Dtype = TensorCodec.ToProto(dtype),
            Low = TensorCodec.Encode(low.ToArray(), shape),
            High = TensorCodec.Encode(high.ToArray(), shape),
        };
        box.Shape.AddRange(shape.Select(d => (long)d));
        return new Proto.Space { Box = box };
    }

    private static Proto.Space EncodeMultiDiscrete(MultiDiscrete space) => new()
    {
        MultiDiscrete = new Proto.MultiDiscrete
        {
            Nvec = TensorCodec.Encode(space.Nvec.Select(n => (long)n).ToArray(), space.Shape),
            Start = TensorCodec.Encode(space.Start.Select(n => (long)n).ToArray(), space.Shape),
        },
    };

    private static Proto.Space EncodeMultiBinary(MultiBinary space)
    {
        var message = new Proto.MultiBinary();
        message.Shape.AddRange(space.Shape.Select(d => (long)d));
        return new Proto.Space { MultiBinary = message };
    }

    private static Proto.Space EncodeDict(DictSpace space)
    {
        var message = new Proto.DictSpace();
        foreach (var (key, subspace) in space.Spaces)
        {
            message.Entries.Add(new Proto.DictSpaceEntry { Key = key, Space = Encode(subspace) });
        }

        return new Proto.Space { Dict = message };
    }

    private static Proto.Space EncodeTuple(TupleSpace tuple)
    {
        var message = new Proto.TupleSpace();
        message.Spaces.AddRange(tuple.Spaces.Select(Encode));
        return new Proto.Space { Tuple = message };
    }

    private static Space DecodeBox(Proto.Box box)
    {
        var shape = ToShape(box.Shape, "Box shape");
        if (box.Low is null || box.High is null)
        {
            throw new ProtocolException("A Box must carry low and high bounds as FLOAT64 tensors of its shape.");
        }

        var low = DecodeBound(box.Low, shape, "low");
        var high = DecodeBound(box.High, shape, "high");
        return IBox.Create(TensorCodec.FromProto(box.Dtype), low, high, shape)
            ?? throw new ProtocolException(
                $"Box dtype {TensorCodec.Name(box.Dtype)} is not supported; Box dtypes are float32, float64, int8, int16, int32, int64, uint8 and bool.");
    }

    private static double[] DecodeBound(Proto.Tensor tensor, int[] shape, string name)
    {
        if (tensor.Dtype != Proto.DType.Float64 || !TensorCodec.HasShape(tensor, shape))
        {
            throw new ProtocolException(
                $"Box {name} must be a float64 tensor of the box's shape {TensorCodec.ShapeText(shape.Select(d => (long)d))}, got {TensorCodec.Describe(tensor)}.");
        }

        return TensorCodec.Decode<double>(tensor);
    }

    private static Discrete DecodeDiscrete(Proto.Discrete discrete)
    {
        if (discrete.N is < 1 or > int.MaxValue || discrete.Start is < int.MinValue or > int.MaxValue)
        {
            throw new ProtocolException($"Discrete(n={discrete.N}, start={discrete.Start}) is not supported: n must be in [1, {int.MaxValue}] and start an int32.");
        }

        return new Discrete((int)discrete.N, (int)discrete.Start);
    }

    private static MultiDiscrete DecodeMultiDiscrete(Proto.MultiDiscrete message)
    {
        if (message.Nvec is null)
        {
            throw new ProtocolException("A MultiDiscrete must carry nvec as an INT64 tensor.");
        }

        var shape = ToShape(message.Nvec.Shape, "MultiDiscrete nvec shape");
        var nvec = ToInts(TensorCodec.DecodeIntegers(message.Nvec), "MultiDiscrete nvec");
        int[]? start = null;
        if (message.Start is not null)
        {
            if (!TensorCodec.HasShape(message.Start, shape))
            {
                throw new ProtocolException(
                    $"MultiDiscrete start must have nvec's shape {TensorCodec.ShapeText(message.Nvec.Shape)}, got {TensorCodec.Describe(message.Start)}.");
            }

            start = ToInts(TensorCodec.DecodeIntegers(message.Start), "MultiDiscrete start");
        }

        if (nvec.Any(n => n < 1))
        {
            throw new ProtocolException($"MultiDiscrete nvec values must all be >= 1, got [{string.Join(", ", nvec)}].");
        }

        return new MultiDiscrete(nvec, start, shape);
    }

    private static MultiBinary DecodeMultiBinary(Proto.MultiBinary message)
    {
        var shape = ToShape(message.Shape, "MultiBinary shape");
        if (shape.Length == 0 || shape.Any(d => d < 1))
        {
            throw new ProtocolException($"MultiBinary shape {TensorCodec.ShapeText(message.Shape)} is invalid; it needs at least one dimension, each >= 1.");
        }

        // Gymnasium's MultiBinary(n) is by far the common form; it has shape (n,).
        return shape.Length == 1 ? new MultiBinary(shape[0]) : new MultiBinary(shape);
    }

    private static DictSpace DecodeDict(Proto.DictSpace message)
    {
        var entries = new List<KeyValuePair<string, Space>>(message.Entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in message.Entries)
        {
            if (!seen.Add(entry.Key))
            {
                throw new ProtocolException($"DictSpace key \"{entry.Key}\" appears twice; keys must be unique.");
            }

            if (entry.Space is null)
            {
                throw new ProtocolException($"DictSpace entry \"{entry.Key}\" has no space.");
            }

            entries.Add(new(entry.Key, Decode(entry.Space)));
        }

        // The wire carries the space's own key order; keep it.
        return new DictSpace(entries, keepOrder: true);
    }

    private static int[] ToInts(long[] values, string what) =>
        values.Select(v => v is >= int.MinValue and <= int.MaxValue
            ? (int)v
            : throw new ProtocolException($"{what} value {v} does not fit in an int32.")).ToArray();

    private static int[] ToShape(IReadOnlyList<long> shape, string what)
    {
        var result = new int[shape.Count];
        for (var i = 0; i < shape.Count; i++)
        {
            result[i] = shape[i] is >= 0 and <= int.MaxValue
                ? (int)shape[i]
                : throw new ProtocolException($"{what} {TensorCodec.ShapeText(shape)} has an invalid dimension; dimensions must be in [0, {int.MaxValue}].");
        }

        return result;
    }
}
