using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using RlGym.Core.Spaces;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Conversions;

/// <summary>
/// Core values to and from <see cref="Proto.Value"/>, in two flavours.
/// <para>
/// Space-guided (<see cref="Encode"/>, <see cref="Decode"/>): observations and actions, whose .NET type follows their
/// space: Box&lt;T&gt; is a flat row-major <c>T[]</c> (a tensor of the box's dtype and shape), Discrete an <c>int</c>
/// (int_value), MultiDiscrete an <c>int[]</c> (INT64 tensor; any integer dtype accepted), MultiBinary an <c>sbyte[]</c>
/// (INT8 tensor; any integer dtype accepted), Dict an <c>IReadOnlyDictionary&lt;string, object&gt;</c> (dict in the
/// space's key order), Tuple an <c>object[]</c> (tuple). Decoding checks kind, dtype and shape and throws
/// <see cref="ProtocolException"/> naming the space and what was received; range checks are left to the environment,
/// as in Gymnasium. A Discrete value is accepted as int_value or as an integral scalar tensor (a NumPy int64 scalar).
/// </para>
/// <para>
/// Plain (<see cref="FromPlain"/>, <see cref="ToPlain"/>): info entries, kwargs and reset options, keeping Python's
/// types: <c>null</c> None, <c>bool</c>, integers int_value (decoded as <c>long</c>), <c>float</c>/<c>double</c>
/// double_value (decoded as <c>double</c>), <c>string</c>, primitive arrays tensors (rank kept: <c>float[,]</c> is a
/// [rows, cols] tensor), string-keyed dictionaries dict, <c>object[]</c> tuple, other lists list.
/// </para>
/// </summary>
public static class ValueCodec
{
    /// <summary>Encodes <paramref name="value"/>, a member of <paramref name="space"/> in its core .NET type.</summary>
    /// <exception cref="InvalidOperationException">The value's type or length does not match the space (a bug in the environment).</exception>
    public static Proto.Value Encode(object value, Space space)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(space);
        return space switch
        {
            Box<float> box => EncodeBox(box, value),
            Box<double> box => EncodeBox(box, value),
            Box<sbyte> box => EncodeBox(box, value),
            Box<short> box => EncodeBox(box, value),
            Box<int> box => EncodeBox(box, value),
            Box<long> box => EncodeBox(box, value),
            Box<byte> box => EncodeBox(box, value),
            Box<bool> box => EncodeBox(box, value),
            Discrete discrete => value switch
            {
                int i => new Proto.Value { IntValue = i },
                long l => new Proto.Value { IntValue = l },
                _ => throw Mismatch(value, discrete, "an int"),
            },
            MultiDiscrete multi => value is int[] ints && ints.Length == ElementCount(multi.Shape)
                ? new Proto.Value { Tensor = TensorCodec.Encode(ints.Select(i => (long)i).ToArray(), multi.Shape) }
                : throw Mismatch(value, multi, $"an int[] of {ElementCount(multi.Shape)} elements"),
            MultiBinary binary => value is sbyte[] bits && bits.Length == binary.Size
                ? new Proto.Value { Tensor = TensorCodec.Encode(bits, binary.Shape) }
                : throw Mismatch(value, binary, $"an sbyte[] of {binary.Size} elements"),
            DictSpace dict => EncodeDictValue(dict, value),
            TupleSpace tuple => EncodeTuple(tuple, value),
            _ => throw new NotSupportedException($"The space {space} ({space.GetType().Name}) has no rlgym.v1 value encoding."),
        };
    }

    /// <summary>
    /// Decodes <paramref name="value"/> as a member of <paramref name="space"/> in its core .NET type (see the class
    /// remarks). <paramref name="what"/> names the value in messages, e.g. <c>action</c>.
    /// </summary>
    /// <exception cref="ProtocolException">
    /// Wrong kind, dtype or shape, e.g. <c>action must be an int in Discrete(2), got a float32 tensor of shape [3]</c>.
    /// </exception>
    public static object Decode(Proto.Value value, Space space, string what = "value")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(space);
        return space switch
        {
            Box<float> box => DecodeBox(box, value, what),
            Box<double> box => DecodeBox(box, value, what),
            Box<sbyte> box => DecodeBox(box, value, what),
            Box<short> box => DecodeBox(box, value, what),
            Box<int> box => DecodeBox(box, value, what),
            Box<long> box => DecodeBox(box, value, what),
            Box<byte> box => DecodeBox(box, value, what),
            Box<bool> box => DecodeBox(box, value, what),
            Discrete discrete => DecodeDiscrete(discrete, value, what),
            MultiDiscrete multi => DecodeIntegerArray(multi, multi.Shape, value, what, "an int64 tensor", int.MinValue, int.MaxValue, v => (int)v),
            MultiBinary binary => DecodeIntegerArray(binary, binary.Shape, value, what, "an int8 tensor", sbyte.MinValue, sbyte.MaxValue, v => (sbyte)v),
            DictSpace dict => DecodeDictValue(dict, value, what),
            TupleSpace tuple => DecodeTuple(tuple, value, what),
            _ => throw new NotSupportedException($"The space {space} ({space.GetType().Name}) has no rlgym.v1 value encoding."),
        };
    }

    /// <summary>Encodes a plain value (info entry, kwarg, option); see the class remarks for the type mapping.</summary>
    /// <exception cref="ArgumentException">A type with no mapping; the message names it.</exception>
    public static Proto.Value FromPlain(object? value) => value switch
    {
        null => new Proto.Value { None = NullValue.NullValue },
        Proto.Value already => already,
        Proto.Tensor tensor => new Proto.Value { Tensor = tensor },
        bool b => new Proto.Value { BoolValue = b },
        string s => new Proto.Value { StringValue = s },
        long l => new Proto.Value { IntValue = l },
        int i => new Proto.Value { IntValue = i },
        short s => new Proto.Value { IntValue = s },
        sbyte s => new Proto.Value { IntValue = s },
        byte b => new Proto.Value { IntValue = b },
        ushort u => new Proto.Value { IntValue = u },
        uint u => new Proto.Value { IntValue = u },
        ulong u when u <= long.MaxValue => new Proto.Value { IntValue = (long)u },
        double d => new Proto.Value { DoubleValue = d },
        float f => new Proto.Value { DoubleValue = f },
        Array array when TryEncodePrimitiveArray(array, out var tensor) => new Proto.Value { Tensor = tensor },
        object[] items when items.GetType() == typeof(object[]) => EncodeItems(items, tuple: true),
        IEnumerable<KeyValuePair<string, object?>> entries => new Proto.Value { Dict = EncodeDict(entries) },
        IDictionary dictionary => new Proto.Value { Dict = EncodeDict(dictionary) },
        IEnumerable items => EncodeItems(items, tuple: false),
        _ => throw new ArgumentException(
            $"Cannot send {Core.Formatting.Describe(value)} ({value.GetType().Name}): plain values must be null, bool, integers, floats, strings, primitive arrays, string-keyed dictionaries, object[] tuples or lists."),
    };

    /// <summary>
    /// Decodes a plain value: None <c>null</c>, int_value <c>long</c>, double_value <c>double</c>, <c>bool</c>,
    /// <c>string</c>, dict <c>Dictionary&lt;string, object?&gt;</c> (in key order), tuple <c>object?[]</c>, list
    /// <c>List&lt;object?&gt;</c>, tensor: a boxed element for shape <c>[]</c>, <c>T[]</c> for one dimension, a
    /// rectangular <c>T[,...]</c> for more.
    /// </summary>
    /// <exception cref="ProtocolException">An empty Value or a malformed tensor.</exception>
    public static object? ToPlain(Proto.Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.KindCase switch
        {
            Proto.Value.KindOneofCase.None_ => null,
            Proto.Value.KindOneofCase.IntValue => value.IntValue,
            Proto.Value.KindOneofCase.DoubleValue => value.DoubleValue,
            Proto.Value.KindOneofCase.BoolValue => value.BoolValue,
            Proto.Value.KindOneofCase.StringValue => value.StringValue,
            Proto.Value.KindOneofCase.Dict => DecodeDict(value.Dict),
            Proto.Value.KindOneofCase.Tuple => value.Tuple.Items.Select(ToPlain).ToArray(),
            Proto.Value.KindOneofCase.List => value.List.Items.Select(ToPlain).ToList(),
            Proto.Value.KindOneofCase.Tensor => DecodePlainTensor(value.Tensor),
            _ => throw new ProtocolException("A Value must set one kind (tensor, dict, tuple, int_value, double_value, bool_value, string_value, none or list); none was set."),
        };
    }

    /// <summary>Encodes every entry of <paramref name="entries"/> with <see cref="FromPlain"/> into <paramref name="target"/>.</summary>
    public static void EncodeMap<TValue>(IEnumerable<KeyValuePair<string, TValue>> entries, MapField<string, Proto.Value> target)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (key, value) in entries)
        {
            target[key] = FromPlain(value);
        }
    }

    /// <summary>Decodes a map (kwargs, options) with <see cref="ToPlain"/>; None entries become null.</summary>
    public static Dictionary<string, object?> DecodeMap(IEnumerable<KeyValuePair<string, Proto.Value>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = ToPlain(value);
        }

        return result;
    }

    /// <summary>
    /// Decodes a map a client sent (kwargs, reset options; named <paramref name="what"/> in messages) as
    /// <see cref="DecodeMap(IEnumerable{KeyValuePair{string, Proto.Value}})"/> does, after checking it against
    /// <paramref name="limits"/> without allocating.
    /// </summary>
    /// <exception cref="RequestLimitException">The map is larger than the limits allow.</exception>
    /// <exception cref="ProtocolException">The map is nested too deep or holds a malformed value.</exception>
    public static Dictionary<string, object?> DecodeMap(IEnumerable<KeyValuePair<string, Proto.Value>> map, ValueLimits limits, string what)
    {
        ArgumentNullException.ThrowIfNull(map);
        CheckLimits(map, limits, what);
        return DecodeMap(map);
    }

    /// <summary>As <see cref="DecodeInfo(IEnumerable{KeyValuePair{string, Proto.Value}})"/>, after checking the map against <paramref name="limits"/>.</summary>
    /// <exception cref="RequestLimitException">The map is larger than the limits allow.</exception>
    /// <exception cref="ProtocolException">The map is nested too deep or holds a malformed value.</exception>
    public static IReadOnlyDictionary<string, object> DecodeInfo(IEnumerable<KeyValuePair<string, Proto.Value>> map, ValueLimits limits, string what)
    {
        ArgumentNullException.ThrowIfNull(map);
        CheckLimits(map, limits, what);
        return DecodeInfo(map);
    }

    /// <summary>
    /// Checks <paramref name="map"/> against <paramref name="limits"/> in one walk that allocates nothing: its decoded
    /// size, string lengths, nesting depth and tensors (validated, see <see cref="TensorCodec.Validate"/>).
    /// </summary>
    /// <exception cref="RequestLimitException">The map is larger than the limits allow.</exception>
    /// <exception cref="ProtocolException">The map is nested too deep or holds a malformed value.</exception>
    public static void CheckLimits(IEnumerable<KeyValuePair<string, Proto.Value>> map, ValueLimits limits, string what)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(limits);
        long bytes = 0;
        foreach (var (key, value) in map)
        {
            bytes += EntryBytes;
            bytes += StringBytes(key, limits, what, "key");
            bytes += ValueBytes(value, limits, what, Core.Formatting.Quote(key), depth: 1, bytes);
            CheckBytes(bytes, limits, what);
        }
    }

    private const long EntryBytes = 16;

    private static long ValueBytes(Proto.Value value, ValueLimits limits, string what, string path, int depth, long sofar)
    {
        if (value is null)
        {
            return 0;
        }

        if (depth > limits.MaxDepth)
        {
            throw new ProtocolException($"{what} {path} is nested deeper than {limits.MaxDepth} levels (dicts, tuples and lists).");
        }

        long bytes = EntryBytes;
        switch (value.KindCase)
        {
            case Proto.Value.KindOneofCase.StringValue:
                bytes += StringBytes(value.StringValue, limits, what, $"{path} string");
                break;
            case Proto.Value.KindOneofCase.Tensor:
                try
                {
                    TensorCodec.Validate(value.Tensor);
                }
                catch (ProtocolException e)
                {
                    throw new ProtocolException($"{what} {path}: {e.Message}", e);
                }

                bytes += value.Tensor.Data.Length;
                break;
            case Proto.Value.KindOneofCase.Dict:
                foreach (var entry in value.Dict.Entries)
                {
                    bytes += EntryBytes + StringBytes(entry.Key, limits, what, $"{path} key");
                    bytes += ValueBytes(entry.Value, limits, what, path, depth + 1, sofar + bytes);
                    CheckBytes(sofar + bytes, limits, what);
                }

                break;
            case Proto.Value.KindOneofCase.Tuple:
            case Proto.Value.KindOneofCase.List:
                var items = value.KindCase == Proto.Value.KindOneofCase.Tuple ? value.Tuple.Items : value.List.Items;
                foreach (var item in items)
                {
                    bytes += ValueBytes(item, limits, what, path, depth + 1, sofar + bytes);
                    CheckBytes(sofar + bytes, limits, what);
                }

                break;
        }

        return bytes;
    }

    private static long StringBytes(string text, ValueLimits limits, string what, string kind)
    {
        // UTF-8 takes at most 3 bytes per UTF-16 char: count exactly only when the bound is in doubt.
        var bytes = (long)text.Length * 3 <= limits.MaxStringBytes ? text.Length : System.Text.Encoding.UTF8.GetByteCount(text);
        return bytes <= limits.MaxStringBytes
            ? bytes
            : throw new RequestLimitException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: a {kind} {Core.Formatting.Quote(text)} is longer than this server's limit of {limits.MaxStringBytes:N0} bytes per string."));
    }

    private static void CheckBytes(long bytes, ValueLimits limits, string what)
    {
        if (bytes > limits.MaxBytes)
        {
            throw new RequestLimitException(string.Create(CultureInfo.InvariantCulture,
                $"{what} decode to more than this server's limit of {limits.MaxBytes:N0} bytes (tensor data, strings and 16 bytes per value)."));
        }
    }

    /// <summary>
    /// Decodes an info dict (or reset options) into the core's <c>IReadOnlyDictionary&lt;string, object&gt;</c>
    /// shape. A None entry (Python's None) is kept as a null reference.
    /// </summary>
    public static IReadOnlyDictionary<string, object> DecodeInfo(IEnumerable<KeyValuePair<string, Proto.Value>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = ToPlain(value)!;
        }

        return result;
    }

    /// <summary>A short description of a value for messages, e.g. <c>a float32 tensor of shape [3]</c>, <c>the int 5</c>.</summary>
    public static string Describe(Proto.Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.KindCase switch
        {
            Proto.Value.KindOneofCase.Tensor => TensorCodec.Describe(value.Tensor),
            Proto.Value.KindOneofCase.IntValue => $"the int {value.IntValue}",
            Proto.Value.KindOneofCase.DoubleValue => $"the float {value.DoubleValue.ToString("R", CultureInfo.InvariantCulture)}",
            Proto.Value.KindOneofCase.BoolValue => $"the bool {(value.BoolValue ? "True" : "False")}",
            Proto.Value.KindOneofCase.StringValue => "the string " + Core.Formatting.Describe(value.StringValue),
            Proto.Value.KindOneofCase.Dict => $"a dict with keys [{string.Join(", ", value.Dict.Entries.Take(16).Select(e => Core.Formatting.Describe(e.Key)))}{(value.Dict.Entries.Count > 16 ? ", ..." : "")}]",
            Proto.Value.KindOneofCase.Tuple => $"a tuple of {value.Tuple.Items.Count} items",
            Proto.Value.KindOneofCase.List => $"a list of {value.List.Items.Count} items",
            Proto.Value.KindOneofCase.None_ => "None",
            _ => "an empty Value (no kind set)",
        };
    }

    private static Proto.Value EncodeBox<T>(Box<T> box, object value)
        where T : unmanaged
    {
        if (value is not T[] array || array.Length != ElementCount(box.Shape))
        {
            throw Mismatch(value, box, $"a {typeof(T).Name}[] of {ElementCount(box.Shape)} elements");
        }

        return new Proto.Value { Tensor = TensorCodec.Encode(array, box.Shape) };
    }

    private static Proto.Value EncodeTuple(TupleSpace space, object value)
    {
        if (value is not object[] items || items.Length != space.Spaces.Count)
        {
            throw Mismatch(value, space, $"an object[] of {space.Spaces.Count} items");
        }

        var tuple = new Proto.TupleValue();
        for (var i = 0; i < items.Length; i++)
        {
            tuple.Items.Add(Encode(items[i], space.Spaces[i]));
        }

        return new Proto.Value { Tuple = tuple };
    }

    private static T[] DecodeBox<T>(Box<T> box, Proto.Value value, string what)
        where T : unmanaged
    {
        var dtype = TensorCodec.DTypeOf<T>();
        if (value.KindCase != Proto.Value.KindOneofCase.Tensor || value.Tensor.Dtype != dtype || !TensorCodec.HasShape(value.Tensor, box.Shape))
        {
            throw Rejected(what, $"a {TensorCodec.Name(dtype)} tensor of shape {ShapeText(box.Shape)} in {box}", value);
        }

        return TensorCodec.Decode<T>(value.Tensor);
    }

    private static int DecodeDiscrete(Discrete space, Proto.Value value, string what)
    {
        long number;
        if (value.KindCase == Proto.Value.KindOneofCase.IntValue)
        {
            number = value.IntValue;
        }
        else if (value.KindCase == Proto.Value.KindOneofCase.Tensor && value.Tensor.Shape.Count == 0 && IsInteger(value.Tensor.Dtype))
        {
            number = TensorCodec.DecodeIntegers(value.Tensor)[0];
        }
        else
        {
            throw Rejected(what, $"an int in {space}", value);
        }

        return number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new ProtocolException($"{what} {number} is not in {space}.");
    }

    /// <remarks>Any integer dtype is accepted, as Gymnasium's contains does (np.issubdtype(dtype, np.integer)).</remarks>
    private static T[] DecodeIntegerArray<T>(Space space, IReadOnlyList<int> shape, Proto.Value value, string what, string expected, long min, long max, Func<long, T> convert)
    {
        if (value.KindCase != Proto.Value.KindOneofCase.Tensor || !IsInteger(value.Tensor.Dtype) || !TensorCodec.HasShape(value.Tensor, shape))
        {
            throw Rejected(what, $"{expected} of shape {ShapeText(shape)} in {space}", value);
        }

        var longs = TensorCodec.DecodeIntegers(value.Tensor);
        var result = new T[longs.Length];
        for (var i = 0; i < longs.Length; i++)
        {
            result[i] = longs[i] >= min && longs[i] <= max
                ? convert(longs[i])
                : throw new ProtocolException($"{what} element {longs[i]} is not in {space}.");
        }

        return result;
    }

    private static Proto.Value EncodeDictValue(DictSpace space, object value)
    {
        if (value is not IReadOnlyDictionary<string, object> entries)
        {
            throw Mismatch(value, space, "an IReadOnlyDictionary<string, object>");
        }

        var dict = new Proto.DictValue();
        foreach (var (key, subspace) in space.Spaces)
        {
            var item = entries.TryGetValue(key, out var found) ? found : throw Mismatch(value, space, $"a value for key \"{key}\"");
            dict.Entries.Add(new Proto.DictValueEntry { Key = key, Value = Encode(item, subspace) });
        }

        return new Proto.Value { Dict = dict };
    }

    private static Dictionary<string, object> DecodeDictValue(DictSpace space, Proto.Value value, string what)
    {
        if (value.KindCase != Proto.Value.KindOneofCase.Dict)
        {
            throw Rejected(what, $"a dict with keys [{string.Join(", ", space.Keys)}] in {space}", value);
        }

        var received = new Dictionary<string, Proto.Value>(StringComparer.Ordinal);
        foreach (var entry in value.Dict.Entries)
        {
            if (!received.TryAdd(entry.Key, entry.Value))
            {
                throw new ProtocolException($"{what} has the key {Core.Formatting.Describe(entry.Key)} twice; keys must be unique.");
            }
        }

        var missing = space.Keys.Where(k => !received.ContainsKey(k)).ToArray();
        var extra = received.Keys.Where(k => !space.Keys.Contains(k)).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
        {
            throw new ProtocolException(
                $"{what} must have exactly the keys [{string.Join(", ", space.Keys)}] of {space}; missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}].");
        }

        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, subspace) in space.Spaces)
        {
            result[key] = Decode(received[key], subspace, $"{what}[\"{key}\"]");
        }

        return result;
    }

    private static object[] DecodeTuple(TupleSpace space, Proto.Value value, string what)
    {
        if (value.KindCase != Proto.Value.KindOneofCase.Tuple || value.Tuple.Items.Count != space.Spaces.Count)
        {
            throw Rejected(what, $"a tuple of {space.Spaces.Count} items in {space}", value);
        }

        var items = new object[space.Spaces.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Decode(value.Tuple.Items[i], space.Spaces[i], $"{what}[{i}]");
        }

        return items;
    }

    private static bool IsInteger(Proto.DType dtype) => dtype is Proto.DType.Int8 or Proto.DType.Int16 or Proto.DType.Int32
        or Proto.DType.Int64 or Proto.DType.Uint8 or Proto.DType.Uint16 or Proto.DType.Uint32 or Proto.DType.Uint64;

    private static ProtocolException Rejected(string what, string expected, Proto.Value received) =>
        new($"{what} must be {expected}, got {Describe(received)}.");

    private static InvalidOperationException Mismatch(object value, Space space, string expected) =>
        new($"The value {Core.Formatting.Describe(value)} ({value.GetType().Name}) cannot be encoded for the space {space}: expected {expected}.");

    private static long ElementCount(IReadOnlyList<int> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            count *= dim;
        }

        return count;
    }

    private static string ShapeText(IReadOnlyList<int> shape) => TensorCodec.ShapeText(shape.Select(d => (long)d));

    private static Proto.Value EncodeItems(IEnumerable items, bool tuple)
    {
        var encoded = items.Cast<object?>().Select(FromPlain);
        if (tuple)
        {
            var message = new Proto.TupleValue();
            message.Items.AddRange(encoded);
            return new Proto.Value { Tuple = message };
        }

        var list = new Proto.ListValue();
        list.Items.AddRange(encoded);
        return new Proto.Value { List = list };
    }

    private static Proto.DictValue EncodeDict(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var dict = new Proto.DictValue();
        foreach (var (key, item) in entries)
        {
            dict.Entries.Add(new Proto.DictValueEntry { Key = key, Value = FromPlain(item) });
        }

        return dict;
    }

    private static Proto.DictValue EncodeDict(IDictionary dictionary)
    {
        var dict = new Proto.DictValue();
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException($"Dictionary keys must be strings, got {Core.Formatting.Describe(entry.Key)} ({entry.Key.GetType().Name}).");
            }

            dict.Entries.Add(new Proto.DictValueEntry { Key = key, Value = FromPlain(entry.Value) });
        }

        return dict;
    }

    private static Dictionary<string, object?> DecodeDict(Proto.DictValue dict)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in dict.Entries)
        {
            if (!result.TryAdd(entry.Key, entry.Value is null ? null : ToPlain(entry.Value)))
            {
                throw new ProtocolException($"Dict key {Core.Formatting.Describe(entry.Key)} appears twice; keys must be unique.");
            }
        }

        return result;
    }

    private static bool TryEncodePrimitiveArray(Array array, out Proto.Tensor tensor)
    {
        var elementType = array.GetType().GetElementType();
        Proto.DType? dtype = elementType == typeof(float) ? Proto.DType.Float32
            : elementType == typeof(double) ? Proto.DType.Float64
            : elementType == typeof(sbyte) ? Proto.DType.Int8
            : elementType == typeof(short) ? Proto.DType.Int16
            : elementType == typeof(int) ? Proto.DType.Int32
            : elementType == typeof(long) ? Proto.DType.Int64
            : elementType == typeof(byte) ? Proto.DType.Uint8
            : elementType == typeof(ushort) ? Proto.DType.Uint16
            : elementType == typeof(uint) ? Proto.DType.Uint32
            : elementType == typeof(ulong) ? Proto.DType.Uint64
            : elementType == typeof(bool) ? Proto.DType.Bool
            : null;
        if (dtype is null)
        {
            tensor = null!;
            return false;
        }

        tensor = new Proto.Tensor { Dtype = dtype.Value };
        for (var d = 0; d < array.Rank; d++)
        {
            tensor.Shape.Add(array.GetLength(d));
        }

        // Buffer.BlockCopy copies any primitive array, of any rank, as its raw bytes in row-major order.
        var bytes = new byte[Buffer.ByteLength(array)];
        Buffer.BlockCopy(array, 0, bytes, 0, bytes.Length);
        tensor.Data = UnsafeByteOperations.UnsafeWrap(bytes);
        return true;
    }

    private static object DecodePlainTensor(Proto.Tensor tensor)
    {
        var flat = TensorCodec.Decode(tensor);
        if (tensor.Shape.Count == 0)
        {
            return flat.GetValue(0)!;
        }

        if (tensor.Shape.Count == 1)
        {
            return flat;
        }

        var lengths = tensor.Shape.Select(d => checked((int)d)).ToArray();
        var shaped = Array.CreateInstance(flat.GetType().GetElementType()!, lengths);
        Buffer.BlockCopy(flat, 0, shaped, 0, Buffer.ByteLength(flat));
        return shaped;
    }
}
