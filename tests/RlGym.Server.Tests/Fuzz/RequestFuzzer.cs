using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using RlGym.Protocol.V1;
using NullValue = Google.Protobuf.WellKnownTypes.NullValue;

namespace RlGym.Server.Tests.Fuzz;

/// <summary>
/// A seeded generator of malformed and random rlgym.v1 requests: raw random bytes, and valid messages built with the
/// generated types with random and extreme field values (empty, huge and unicode strings; unknown ids and handles and
/// the real handles it is given; kwargs, vector_kwargs and options of nested values up to 60 levels deep; tensors of
/// random dtypes and shapes, rank 0 to 40, dimensions from -2^63 to 2^63 - 1, data that does not match the shape;
/// actions of the wrong kind, dtype or shape; sequence numbers 0, huge, repeated and with gaps; enum values out of
/// range), some of them serialized and then bit-flipped, truncated, duplicated or padded with random fields. One
/// instance makes one case; everything it draws comes from the <see cref="Random"/> it is given.
/// </summary>
internal sealed class RequestFuzzer(Random random, IReadOnlyList<EnvironmentDescription> catalog, IReadOnlyList<FuzzHandle> handles)
{
    /// <summary>The unary methods of rlgym.v1.Environments.</summary>
    public static readonly string[] UnaryMethods =
        ["ListEnvironments", "DescribeEnvironment", "CreateEnvironment", "Reset", "Step", "Render", "CloseEnvironment"];

    private static readonly string[] TrickyStrings =
    [
        "ü", "日本語", "🙂🚀", "\0", "a\0b", "\u202Eevil", "e\u0301", "\uFFFF", "\uD800", "\uDC00x", "%s%n%x", "{0}{1}",
        "'; DROP TABLE envs; --", "../../etc/passwd", "CartPole-v1\n", " CartPole-v1", "cartpole-v1", "CartPole-v1 ",
        "CartPole-v", "CartPole-v99", "MinAtar/", "/", "*", "\r\n", "null", "None", "NaN", "-inf", "1e999", "0x10",
    ];

    private static readonly string[] OptionKeys = ["low", "high", "reset_mask", "x_init", "y_init", "seed", "options", ""];

    private static readonly string[] Vectorizations = ["auto", "sync", "parallel", "soa", "gymnasium", "fast", "gpu", "", "SOA"];

    /// <summary>A unary case: method name, request bytes, and what was built.</summary>
    public (string Method, byte[] Bytes, string Description) NextUnary()
    {
        if (Chance(0.15))
        {
            var method = Chance(0.05) ? "grpc.health.v1.Health/Check" : UnaryMethods[random.Next(UnaryMethods.Length)];
            var raw = RawBytes();
            return (method, raw, $"raw {raw.Length} bytes");
        }

        var name = UnaryMethods[random.Next(UnaryMethods.Length)];
        IMessage message = name switch
        {
            "ListEnvironments" => new ListEnvironmentsRequest(),
            "DescribeEnvironment" => new DescribeEnvironmentRequest { EnvId = EnvId() },
            "CreateEnvironment" => Create(),
            "Reset" => Reset(),
            "Step" => Step(),
            "Render" => Render(),
            _ => new CloseEnvironmentRequest { Handle = Handle(real: 0.1).Name },
        };
        var (bytes, description) = Serialized(message);
        return (name, bytes, description);
    }

    /// <summary>One message of a Session stream: its bytes, what was built, and the message when it was sent unchanged.</summary>
    public (byte[] Bytes, string Description, SessionRequest? Intact) NextSessionMessage(ulong requestId)
    {
        if (Chance(0.05))
        {
            var raw = RawBytes();
            return (raw, $"raw {raw.Length} bytes", null);
        }

        var request = new SessionRequest { RequestId = Chance(0.9) ? requestId : RandomURandomLong() };
        switch (random.Next(8))
        {
            case 0:
                request.Create = Create();
                break;
            case 1:
                request.Reset = Reset();
                break;
            case 2:
            case 3:
                request.Step = Step();
                break;
            case 4:
                request.Render = Render();
                break;
            case 5:
                request.Close = new CloseEnvironmentRequest { Handle = Handle(real: 0.1).Name };
                break;
            case 6:
                request.List = new ListEnvironmentsRequest();
                break;
            default:
                if (Chance(0.7))
                {
                    request.Describe = new DescribeEnvironmentRequest { EnvId = EnvId() };
                }

                // Otherwise no request at all: the stream must end INVALID_ARGUMENT.
                break;
        }

        var (bytes, description) = Serialized(request);
        return (bytes, description, bytes.AsSpan().SequenceEqual(request.ToByteArray()) ? request : null);
    }

    /// <summary>A number in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => random.Next(max);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => random.NextDouble() < p;

    private (byte[] Bytes, string Description) Serialized(IMessage message)
    {
        var bytes = message.ToByteArray();
        var description = $"{message.Descriptor.Name} {Shorten(Json(message))}";
        if (!Chance(0.15))
        {
            return (bytes, description);
        }

        var (mutated, how) = Mutate(bytes);
        return (mutated, $"{how} of {bytes.Length} bytes of {description}");
    }

    private (byte[] Bytes, string How) Mutate(byte[] bytes)
    {
        switch (random.Next(6))
        {
            case 0 when bytes.Length > 0:
                var flipped = (byte[])bytes.Clone();
                var flips = 1 + random.Next(8);
                for (var i = 0; i < flips; i++)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return (flipped, $"{flips} bit flips");
            case 1 when bytes.Length > 0:
                var length = random.Next(bytes.Length);
                return (bytes[..length], $"truncation to {length}");
            case 2:
                // Protobuf merges concatenated messages: repeated fields and maps grow, scalars take the last value.
                return ([.. bytes, .. bytes], "duplication");
            case 3:
                var at = random.Next(bytes.Length + 1);
                var inserted = RandomBytes(1 + random.Next(16));
                return ([.. bytes[..at], .. inserted, .. bytes[at..]], $"{inserted.Length} random bytes inserted at {at}");
            case 4:
                // A field the message does not have (or has with another wire type), with a random payload.
                var field = Chance(0.5) ? 1 + random.Next(20) : random.Next(1, 536_870_912);
                var wireType = random.Next(8);
                var payload = RandomBytes(random.Next(12));
                var tag = new byte[10];
                var tagLength = WriteVarint(tag, ((ulong)field << 3) | (uint)wireType);
                return ([.. bytes, .. tag[..tagLength], .. payload], $"field {field} wire type {wireType} appended");
            default:
                if (bytes.Length == 0)
                {
                    return (RandomBytes(1 + random.Next(8)), "random bytes instead of an empty message");
                }

                var overwritten = (byte[])bytes.Clone();
                overwritten[random.Next(overwritten.Length)] = Chance(0.5) ? (byte)0xFF : (byte)0x80;
                return (overwritten, "a byte overwritten with a varint continuation");
        }
    }

    private byte[] RawBytes()
    {
        var roll = random.NextDouble();
        var length = roll < 0.4 ? random.Next(17) : roll < 0.8 ? 16 + random.Next(496) : 512 + random.Next(3585);
        var bytes = RandomBytes(length);
        if (length > 0 && Chance(0.3))
        {
            // A plausible first tag (field 1..15, length-delimited), so the parser gets past the first byte.
            bytes[0] = (byte)((1 + random.Next(15)) << 3 | 2);
        }

        return bytes;
    }

    private CreateEnvironmentRequest Create()
    {
        var description = catalog[random.Next(catalog.Count)];
        var request = new CreateEnvironmentRequest { EnvId = Chance(0.7) ? description.Spec.Id : EnvId() };
        if (Chance(0.5))
        {
            var keys = description.Spec.Kwargs.Keys.ToArray();
            var count = 1 + random.Next(4);
            for (var i = 0; i < count; i++)
            {
                var key = keys.Length > 0 && Chance(0.7) ? keys[random.Next(keys.Length)] : RandomString();
                request.Kwargs[key] = Chance(0.3) && description.Spec.Kwargs.TryGetValue(key, out var value) ? value : RandomValue(0);
            }
        }

        var roll = random.NextDouble();
        request.NumEnvs = roll switch
        {
            < 0.55 => 0,
            < 0.70 => 1,
            < 0.85 => (uint)(2 + random.Next(7)),
            < 0.90 => 4097,
            < 0.95 => 1u << 20,
            _ => uint.MaxValue,
        };
        request.RenderMode = random.Next(5) switch
        {
            0 or 1 => "",
            2 when description.Metadata.RenderModes.Count > 0 => description.Metadata.RenderModes[random.Next(description.Metadata.RenderModes.Count)],
            3 => "human",
            _ => RandomString(),
        };
        request.AutoresetMode = (AutoresetMode)RandomEnum(4, request.NumEnvs == 0 ? 0.8 : 0.1);
        request.Backend = (Backend)RandomEnum(4, 0.5);
        if (Chance(0.3))
        {
            request.MaxEpisodeSteps = random.Next(6) switch
            {
                0 => 0,
                1 => -1,
                2 => long.MaxValue,
                3 => (long)int.MaxValue + 1,
                _ => random.Next(1, 50),
            };
        }

        if (Chance(0.2))
        {
            request.VectorKwargs[Chance(0.8) ? "vectorization" : RandomString()] =
                Chance(0.7) ? new Value { StringValue = Vectorizations[random.Next(Vectorizations.Length)] } : RandomValue(0);
        }

        return request;
    }

    private ResetRequest Reset()
    {
        var handle = Handle();
        var request = new ResetRequest { Handle = handle.Name, Sequence = Sequence() };
        if (Chance(0.5))
        {
            request.Seed = RandomURandomLong();
        }

        if (Chance(0.15))
        {
            var count = Chance(0.5) ? (int)handle.NumEnvs : random.Next(10);
            for (var i = 0; i < count; i++)
            {
                request.Seeds.Add(RandomURandomLong());
            }
        }

        if (Chance(0.4))
        {
            var count = 1 + random.Next(3);
            for (var i = 0; i < count; i++)
            {
                var key = Chance(0.7) ? OptionKeys[random.Next(OptionKeys.Length)] : RandomString();
                request.Options[key] = key switch
                {
                    "reset_mask" when Chance(0.6) => new Value { Tensor = TensorOf(DType.Bool, [Chance(0.8) ? handle.NumEnvs : random.Next(5)], small: true) },
                    "low" or "high" or "x_init" or "y_init" when Chance(0.6) => Chance(0.5)
                        ? new Value { DoubleValue = RandomDouble() }
                        : new Value { StringValue = TrickyOrNumber() },
                    _ => RandomValue(0),
                };
            }
        }

        return request;
    }

    private StepRequest Step()
    {
        var handle = Handle();
        var request = new StepRequest { Handle = handle.Name, Sequence = Sequence() };
        if (!Chance(0.05))
        {
            request.Action = handle.ActionSpace is { } space && Chance(0.7) ? Action(space, handle.NumEnvs) : RandomValue(0);
        }

        return request;
    }

    private RenderRequest Render() => new() { Handle = Handle().Name, Encoding = (FrameEncoding)RandomEnum(3, 0.1) };

    /// <summary>An action shaped like <paramref name="space"/> (a batch when <paramref name="numEnvs"/> > 0), often slightly wrong.</summary>
    private Value Action(Space space, long numEnvs)
    {
        var wrong = Chance(0.25);
        switch (space.KindCase)
        {
            case Space.KindOneofCase.Discrete:
                var n = Math.Max(1, space.Discrete.N);
                long Draw() => space.Discrete.Start + (wrong && Chance(0.5) ? RandomLong() : random.NextInt64(n));
                if (numEnvs == 0 && !(wrong && Chance(0.5)))
                {
                    return new Value { IntValue = Draw() };
                }

                var count = numEnvs == 0 ? 1 : numEnvs + (wrong && Chance(0.5) ? random.Next(-1, 2) : 0);
                var dtype = wrong ? (DType)random.Next(1, 12) : Chance(0.8) ? DType.Int64 : DType.Int32;
                var values = new long[Math.Max(0, count)];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Draw();
                }

                return new Value { Tensor = IntegerTensor(dtype, numEnvs == 0 ? [] : [count], values) };
            case Space.KindOneofCase.Box:
                long[] shape = numEnvs == 0 ? [.. space.Box.Shape] : [numEnvs, .. space.Box.Shape];
                if (wrong && Chance(0.5))
                {
                    shape = Chance(0.5) && shape.Length > 0 ? shape[1..] : [.. shape, 1 + random.Next(3)];
                }

                var boxType = wrong && Chance(0.5) ? (DType)random.Next(1, 12) : space.Box.Dtype;
                return new Value { Tensor = FloatTensor(boxType, shape) };
            case Space.KindOneofCase.Tuple:
                var tuple = new TupleValue();
                tuple.Items.AddRange(space.Tuple.Spaces.Select(s => Action(s, numEnvs)));
                return new Value { Tuple = tuple };
            case Space.KindOneofCase.Dict:
                var dict = new DictValue();
                dict.Entries.AddRange(space.Dict.Entries.Select(e => new DictValueEntry { Key = e.Key, Value = Action(e.Space, numEnvs) }));
                return new Value { Dict = dict };
            default:
                return RandomValue(0);
        }
    }

    /// <summary>A random value; containers nest up to about 4 levels, and now and then a chain of up to 60.</summary>
    private Value RandomValue(int depth)
    {
        if (depth == 0 && Chance(0.03))
        {
            // Past MaxValueDepth (32) and, beyond about 48, past protobuf's recursion limit of 100 messages.
            return Nested(1 + random.Next(Chance(0.8) ? 40 : 60));
        }

        switch (random.Next(depth >= 4 ? 7 : 10))
        {
            case 0:
                return new Value { IntValue = RandomLong() };
            case 1:
                return new Value { DoubleValue = RandomDouble() };
            case 2:
                return new Value { BoolValue = Chance(0.5) };
            case 3:
                return new Value { StringValue = RandomString() };
            case 4:
                return new Value { None = NullValue.NullValue };
            case 5:
                return new Value { Tensor = RandomTensor() };
            case 6:
                return new Value();
            case 7:
                var list = new ListValue();
                list.Items.AddRange(Enumerable.Range(0, random.Next(5)).Select(_ => RandomValue(depth + 1)));
                return new Value { List = list };
            case 8:
                var tuple = new TupleValue();
                tuple.Items.AddRange(Enumerable.Range(0, random.Next(5)).Select(_ => RandomValue(depth + 1)));
                return new Value { Tuple = tuple };
            default:
                var dict = new DictValue();
                dict.Entries.AddRange(Enumerable.Range(0, random.Next(5)).Select(_ => new DictValueEntry { Key = RandomString(), Value = RandomValue(depth + 1) }));
                return new Value { Dict = dict };
        }
    }

    private Value Nested(int depth)
    {
        var value = new Value { IntValue = 1 };
        for (var i = 1; i < depth; i++)
        {
            value = random.Next(3) switch
            {
                0 => new Value { List = new ListValue { Items = { value } } },
                1 => new Value { Tuple = new TupleValue { Items = { value } } },
                _ => new Value { Dict = new DictValue { Entries = { new DictValueEntry { Key = "k", Value = value } } } },
            };
        }

        return value;
    }

    /// <summary>A tensor of a random (sometimes invalid) dtype and shape whose data may not match it.</summary>
    private Tensor RandomTensor()
    {
        var dtype = random.NextDouble() switch
        {
            < 0.85 => (DType)random.Next(1, 12),
            < 0.90 => DType.Unspecified,
            _ => (DType)new[] { 12, 100, -1, int.MaxValue }[random.Next(4)],
        };
        var roll = random.NextDouble();
        var rank = roll < 0.4 ? random.Next(3) : roll < 0.7 ? random.Next(3, 7) : roll < 0.85 ? random.Next(7, 33) : random.Next(33, 41);
        var shape = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            shape[i] = random.NextDouble() switch
            {
                < 0.6 => random.Next(6),
                < 0.7 => 0,
                < 0.8 => 1,
                _ => new[] { -1L, int.MaxValue, 1L << 31, 1L << 40, long.MaxValue, long.MinValue, 2_147_483_591, 2_147_483_592 }[random.Next(8)],
            };
        }

        return TensorOf(dtype, shape, small: false);
    }

    /// <summary>A tensor of <paramref name="dtype"/> and <paramref name="shape"/>: exact data length unless it is too large or the draw says otherwise.</summary>
    private Tensor TensorOf(DType dtype, long[] shape, bool small)
    {
        var tensor = new Tensor { Dtype = dtype };
        tensor.Shape.AddRange(shape);
        var elements = Elements(shape, 1 << 20);
        var itemSize = ItemSize(dtype);
        long length = elements is >= 0 and <= 4096 && itemSize > 0 && (small || Chance(0.7))
            ? (elements * itemSize) + (Chance(0.1) ? random.Next(-1, 2) : 0)
            : random.Next(65);
        var data = RandomBytes((int)Math.Max(0, length));
        if (dtype == DType.Bool && Chance(0.8))
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] &= 1;
            }
        }

        tensor.Data = ByteString.CopyFrom(data);
        return tensor;
    }

    private Tensor IntegerTensor(DType dtype, long[] shape, long[] values)
    {
        var itemSize = Math.Max(1, ItemSize(dtype));
        var data = new byte[values.Length * itemSize];
        Span<byte> item = stackalloc byte[8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(item, values[i]);
            item[..itemSize].CopyTo(data.AsSpan(i * itemSize));
        }

        var tensor = new Tensor { Dtype = dtype, Data = ByteString.CopyFrom(data) };
        tensor.Shape.AddRange(shape);
        return tensor;
    }

    private Tensor FloatTensor(DType dtype, long[] shape)
    {
        var elements = Elements(shape, 4096);
        if (elements < 0 || dtype is not (DType.Float32 or DType.Float64))
        {
            return TensorOf(dtype, shape, small: true);
        }

        var data = new byte[elements * ItemSize(dtype)];
        for (var i = 0; i < elements; i++)
        {
            var x = Chance(0.05) ? RandomDouble() : (random.NextDouble() * 4) - 2;
            if (dtype == DType.Float32)
            {
                BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), (float)x);
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), x);
            }
        }

        var tensor = new Tensor { Dtype = dtype, Data = ByteString.CopyFrom(data) };
        tensor.Shape.AddRange(shape);
        return tensor;
    }

    /// <summary>The element count of <paramref name="shape"/>, or -1 when a dimension is negative or the count passes <paramref name="cap"/>.</summary>
    private static long Elements(long[] shape, long cap)
    {
        var elements = 1L;
        foreach (var dimension in shape)
        {
            if (dimension < 0 || dimension > cap || elements * dimension > cap)
            {
                return -1;
            }

            elements *= dimension;
        }

        return elements;
    }

    private static int ItemSize(DType dtype) => dtype switch
    {
        DType.Int8 or DType.Uint8 or DType.Bool => 1,
        DType.Int16 or DType.Uint16 => 2,
        DType.Float32 or DType.Int32 or DType.Uint32 => 4,
        DType.Float64 or DType.Int64 or DType.Uint64 => 8,
        _ => 0,
    };

    /// <summary>
    /// A handle: a real one with probability <paramref name="real"/> (closes name real ones less often, or the pool
    /// would empty), else empty, unknown, near-miss or huge.
    /// </summary>
    private FuzzHandle Handle(double real = 0.75)
    {
        if (Chance(real) && handles.Count > 0)
        {
            return handles[random.Next(handles.Count)];
        }

        var name = random.NextDouble() switch
        {
            < 0.3 => "",
            < 0.6 when handles.Count > 0 => NearMiss(handles[random.Next(handles.Count)].Name),
            < 0.9 => RandomString(),
            _ => new string('h', 70_000 + random.Next(10)),
        };
        return new FuzzHandle(name, NumEnvs: random.Next(3), ActionSpace: null);
    }

    private string NearMiss(string handle)
    {
        if (handle.Length == 0)
        {
            return "x";
        }

        var chars = handle.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'a' ? 'b' : 'a';
        return Chance(0.5) ? new string(chars) : handle + "0";
    }

    private string EnvId() => Chance(0.5) ? catalog[random.Next(catalog.Count)].Spec.Id : RandomString();

    /// <summary>Empty, short, unicode, tricky, huge (past the 64 KiB string limit), or a real id.</summary>
    private string RandomString() => random.NextDouble() switch
    {
        < 0.10 => "",
        < 0.40 => Ascii(1 + random.Next(16)),
        < 0.70 => TrickyStrings[random.Next(TrickyStrings.Length)],
        < 0.80 => string.Concat(Enumerable.Range(0, 1 + random.Next(8)).Select(_ => char.ConvertFromUtf32(CodePoint()))),
        < 0.82 => new string(Chance(0.5) ? 'x' : '€', 21_000 + random.Next(50_000)),
        _ => catalog[random.Next(catalog.Count)].Spec.Id,
    };

    /// <summary>A code point past ASCII: the basic plane (surrogates excepted) or an emoji.</summary>
    private int CodePoint()
    {
        var c = random.Next(0x80, 0x10000);
        return c is >= 0xD800 and < 0xE000 ? 0x1F600 + random.Next(80) : c;
    }

    private string TrickyOrNumber() => random.Next(4) switch
    {
        0 => "0.05",
        1 => "inf",
        2 => "nan",
        _ => TrickyStrings[random.Next(TrickyStrings.Length)],
    };

    private string Ascii(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)random.Next(0x20, 0x7F));
        }

        return builder.ToString();
    }

    private ulong Sequence() => random.NextDouble() switch
    {
        < 0.55 => 0,
        < 0.85 => (ulong)random.Next(1, 6),
        < 0.95 => ulong.MaxValue - (ulong)random.Next(2),
        _ => RandomURandomLong(),
    };

    private long RandomLong() => random.Next(8) switch
    {
        0 => 0,
        1 => -1,
        2 => long.MinValue,
        3 => long.MaxValue,
        4 => int.MaxValue + 1L,
        5 => 1L << 40,
        6 => random.Next(-10, 11),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private double RandomDouble() => random.Next(10) switch
    {
        0 => 0,
        1 => -0.0,
        2 => double.NaN,
        3 => double.PositiveInfinity,
        4 => double.NegativeInfinity,
        5 => double.Epsilon,
        6 => double.MaxValue,
        7 => double.MinValue,
        _ => (random.NextDouble() * 100) - 50,
    };

    private ulong RandomURandomLong() => random.Next(4) switch
    {
        0 => 0,
        1 => ulong.MaxValue,
        2 => (ulong)random.Next(100),
        _ => (ulong)random.NextInt64(long.MinValue, long.MaxValue),
    };

    /// <summary>A value in [0, <paramref name="count"/>), or one outside the enum with probability <paramref name="outOfRange"/>.</summary>
    private int RandomEnum(int count, double outOfRange) =>
        Chance(outOfRange) ? new[] { count, count + 1, -1, int.MaxValue, int.MinValue }[random.Next(5)] : random.Next(count);

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static int WriteVarint(Span<byte> buffer, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            buffer[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[i++] = (byte)value;
        return i;
    }

    /// <summary>The message as JSON; protobuf's formatter refuses strings with a lone surrogate, which the wire format sends as U+FFFD.</summary>
    private static string Json(IMessage message)
    {
        try
        {
            return message.ToString() ?? "";
        }
        catch (ArgumentException e)
        {
            return $"(not shown: {e.Message})";
        }
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : $"{text[..600]}… ({text.Length} chars)";
}
