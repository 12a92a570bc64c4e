using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RlGym.Core.Spaces;
using RlGym.Protocol.Conversions;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Tests.Conversions;

public class ValueCodecTests
{
    [Fact]
    public void EncodeDecode_Float32Box_IsATensorOfTheBoxDTypeAndShape()
    {
        var space = new Box<float>(-1, 1, [2, 2]);
        float[] observation = [0.1f, -0.2f, 0.3f, 1f];

        var value = RoundTripBytes(ValueCodec.Encode(observation, space));

        Assert.Equal(Proto.DType.Float32, value.Tensor.Dtype);
        Assert.Equal([2L, 2L], value.Tensor.Shape);
        Assert.Equal(observation, Assert.IsType<float[]>(ValueCodec.Decode(value, space)));
    }

    [Fact]
    public void EncodeDecode_BoxOfEveryDType_RoundTrips()
    {
        AssertBoxRoundTrip(new Box<double>(-1, 1, [2]), new[] { 0.5, -0.5 });
        AssertBoxRoundTrip(new Box<sbyte>(-1, 1, [2]), new sbyte[] { 1, -1 });
        AssertBoxRoundTrip(new Box<short>(-1, 1, [2]), new short[] { 1, -1 });
        AssertBoxRoundTrip(new Box<int>(-1, 1, [2]), new[] { 1, -1 });
        AssertBoxRoundTrip(new Box<long>(-1, 1, [2]), new long[] { 1, -1 });
        AssertBoxRoundTrip(new Box<byte>(0, 255, [2]), new byte[] { 1, 255 });
        AssertBoxRoundTrip(new Box<bool>(0, 1, [2]), new[] { true, false });
    }

    [Fact]
    public void EncodeDecode_Discrete_IsAnIntValue()
    {
        var space = new Discrete(3);

        var value = ValueCodec.Encode(2, space);

        Assert.Equal(2, value.IntValue);
        Assert.Equal(2, ValueCodec.Decode(value, space));
    }

    [Fact]
    public void Decode_DiscreteGivenAnInt64ScalarTensor_AcceptsIt()
    {
        // NumPy clients may send np.int64(1): a scalar tensor.
        var value = new Proto.Value { Tensor = TensorCodec.Scalar(1L) };

        Assert.Equal(1, ValueCodec.Decode(value, new Discrete(2), "action"));
    }

    [Fact]
    public void Decode_DiscreteGivenAFloatTensor_NamesSpaceAndWhatWasReceived()
    {
        var value = new Proto.Value { Tensor = TensorCodec.Encode<float>([1f, 2f, 3f]) };

        var error = Assert.Throws<ProtocolException>(() => ValueCodec.Decode(value, new Discrete(2), "action"));

        Assert.Equal("action must be an int in Discrete(2), got a float32 tensor of shape [3].", error.Message);
    }

    [Fact]
    public void Decode_DiscreteGivenAFloat_NamesTheFloat()
    {
        var error = Assert.Throws<ProtocolException>(() => ValueCodec.Decode(new Proto.Value { DoubleValue = 1.5 }, new Discrete(2), "action"));

        Assert.Equal("action must be an int in Discrete(2), got the float 1.5.", error.Message);
    }

    [Fact]
    public void Decode_DiscreteBeyondInt32_ThrowsProtocolException()
    {
        Assert.Throws<ProtocolException>(() => ValueCodec.Decode(new Proto.Value { IntValue = 1L << 40 }, new Discrete(2), "action"));
    }

    [Fact]
    public void Decode_BoxOfWrongDType_NamesExpectedDTypeShapeAndSpace()
    {
        var space = new Box<float>(-2, 2, [1]);
        var value = new Proto.Value { Tensor = TensorCodec.Encode<double>([0.5]) };

        var error = Assert.Throws<ProtocolException>(() => ValueCodec.Decode(value, space, "action"));

        Assert.Equal($"action must be a float32 tensor of shape [1] in {space}, got a float64 tensor of shape [1].", error.Message);
    }

    [Fact]
    public void Decode_BoxOfWrongShape_ThrowsProtocolException()
    {
        var space = new Box<float>(-2, 2, [2]);
        var value = new Proto.Value { Tensor = TensorCodec.Encode<float>([0.5f, 1f, 1f], [3]) };

        var error = Assert.Throws<ProtocolException>(() => ValueCodec.Decode(value, space, "action"));

        Assert.Contains("got a float32 tensor of shape [3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeDecode_Tuple_IsATupleOfItemValues()
    {
        var space = new TupleSpace(new Discrete(32), new Discrete(11), new Discrete(2));
        object[] observation = [14, 10, 0];

        var value = RoundTripBytes(ValueCodec.Encode(observation, space));

        Assert.Equal(3, value.Tuple.Items.Count);
        Assert.Equal(observation, Assert.IsType<object[]>(ValueCodec.Decode(value, space)));
    }

    [Fact]
    public void Decode_TupleItemOfWrongKind_NamesTheItem()
    {
        var space = new TupleSpace(new Discrete(2), new Discrete(2));
        var value = new Proto.Value { Tuple = new Proto.TupleValue { Items = { new Proto.Value { IntValue = 1 }, new Proto.Value { StringValue = "x" } } } };

        var error = Assert.Throws<ProtocolException>(() => ValueCodec.Decode(value, space, "action"));

        Assert.Equal("action[1] must be an int in Discrete(2), got the string \"x\".", error.Message);
    }

    [Fact]
    public void EncodeDecode_MultiDiscrete_IsAnInt64TensorOfItsShape()
    {
        var space = new MultiDiscrete([3, 3, 3, 3], shape: [2, 2]);
        int[] value = [0, 1, 2, 1];

        var encoded = RoundTripBytes(ValueCodec.Encode(value, space));

        Assert.Equal(Proto.DType.Int64, encoded.Tensor.Dtype);
        Assert.Equal([2L, 2L], encoded.Tensor.Shape);
        Assert.Equal(value, Assert.IsType<int[]>(ValueCodec.Decode(encoded, space)));
    }

    [Fact]
    public void Decode_MultiDiscreteFromInt32Tensor_IsAcceptedLikeGymnasium()
    {
        var value = new Proto.Value { Tensor = TensorCodec.Encode<int>([1, 2]) };

        Assert.Equal(new[] { 1, 2 }, ValueCodec.Decode(value, new MultiDiscrete([3, 3])));
    }

    [Fact]
    public void Decode_MultiDiscreteFromFloatTensor_NamesSpaceAndValue()
    {
        var space = new MultiDiscrete([3, 3]);
        var value = new Proto.Value { Tensor = TensorCodec.Encode<float>([1f, 2f]) };

        var error = Assert.Throws<ProtocolException>(() => ValueCodec.Decode(value, space, "action"));

        Assert.Equal($"action must be an int64 tensor of shape [2] in {space}, got a float32 tensor of shape [2].", error.Message);
    }

    [Fact]
    public void EncodeDecode_MultiBinary_IsAnInt8Tensor()
    {
        var space = new MultiBinary(3);
        sbyte[] value = [1, 0, 1];

        var encoded = RoundTripBytes(ValueCodec.Encode(value, space));

        Assert.Equal(Proto.DType.Int8, encoded.Tensor.Dtype);
        Assert.Equal(value, Assert.IsType<sbyte[]>(ValueCodec.Decode(encoded, space)));
    }

    [Fact]
    public void Decode_MultiBinaryElementBeyondInt8_ThrowsProtocolException()
    {
        var value = new Proto.Value { Tensor = TensorCodec.Encode<long>([1L, 300L]) };

        Assert.Throws<ProtocolException>(() => ValueCodec.Decode(value, new MultiBinary(2), "action"));
    }

    [Fact]
    public void EncodeDecode_Dict_IsADictInTheSpacesKeyOrder()
    {
        var space = new DictSpace([new("pos", new Box<float>(-1, 1, [2])), new("mode", new Discrete(3))], keepOrder: true);
        var value = new Dictionary<string, object> { ["mode"] = 2, ["pos"] = new float[] { 0.5f, -0.5f } };

        var encoded = RoundTripBytes(ValueCodec.Encode(value, space));
        var decoded = Assert.IsType<Dictionary<string, object>>(ValueCodec.Decode(encoded, space));

        Assert.Equal(["pos", "mode"], encoded.Dict.Entries.Select(e => e.Key));
        Assert.Equal(2, decoded["mode"]);
        Assert.Equal(new float[] { 0.5f, -0.5f }, decoded["pos"]);
    }

    [Fact]
    public void Decode_DictWithWrongKeys_NamesMissingAndUnexpectedKeys()
    {
        var space = new DictSpace([new("a", new Discrete(2)), new("b", new Discrete(2))]);
        var dict = new Proto.DictValue();
        dict.Entries.Add(new Proto.DictValueEntry { Key = "a", Value = new Proto.Value { IntValue = 1 } });
        dict.Entries.Add(new Proto.DictValueEntry { Key = "c", Value = new Proto.Value { IntValue = 1 } });

        var error = Assert.Throws<ProtocolException>(() => ValueCodec.Decode(new Proto.Value { Dict = dict }, space, "action"));

        Assert.Contains("missing [b], unexpected [c]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DictItemOfWrongKind_NamesTheKey()
    {
        var space = new DictSpace([new("a", new Discrete(2))]);
        var dict = new Proto.DictValue();
        dict.Entries.Add(new Proto.DictValueEntry { Key = "a", Value = new Proto.Value { DoubleValue = 1 } });

        var error = Assert.Throws<ProtocolException>(() => ValueCodec.Decode(new Proto.Value { Dict = dict }, space, "action"));

        Assert.StartsWith("action[\"a\"] must be an int in Discrete(2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_ObservationNotMatchingSpace_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => ValueCodec.Encode(new double[] { 1.0 }, new Box<float>(0, 1, [1])));
    }

    [Fact]
    public void FromPlainToPlain_Scalars_KeepPythonTypes()
    {
        Assert.Equal(3L, ValueCodec.ToPlain(RoundTripBytes(ValueCodec.FromPlain(3L))));
        Assert.Equal(3L, ValueCodec.ToPlain(ValueCodec.FromPlain(3)));
        Assert.Equal(1.0, ValueCodec.ToPlain(RoundTripBytes(ValueCodec.FromPlain(1.0))));
        Assert.Equal(true, ValueCodec.ToPlain(ValueCodec.FromPlain(true)));
        Assert.Equal("4x4", ValueCodec.ToPlain(ValueCodec.FromPlain("4x4")));
        Assert.Null(ValueCodec.ToPlain(RoundTripBytes(ValueCodec.FromPlain(null))));
        Assert.Equal(NullValue.NullValue, ValueCodec.FromPlain(null).None);
        Assert.Equal(Proto.Value.KindOneofCase.IntValue, ValueCodec.FromPlain(1L).KindCase);
        Assert.Equal(Proto.Value.KindOneofCase.DoubleValue, ValueCodec.FromPlain(1.0).KindCase);
    }

    [Fact]
    public void FromPlainToPlain_Arrays_AreTensorsOfTheirDType()
    {
        var int8 = ValueCodec.FromPlain(new sbyte[] { 0, 1, 1 });
        var matrix = ValueCodec.FromPlain(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        Assert.Equal(Proto.DType.Int8, int8.Tensor.Dtype);
        Assert.Equal(new sbyte[] { 0, 1, 1 }, ValueCodec.ToPlain(int8));
        Assert.Equal([2L, 3L], matrix.Tensor.Shape);
        Assert.Equal(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, ValueCodec.ToPlain(matrix));
        Assert.Equal(2.5f, ValueCodec.ToPlain(new Proto.Value { Tensor = TensorCodec.Scalar(2.5f) }));
    }

    [Fact]
    public void FromPlainToPlain_Collections_MapToDictTupleAndList()
    {
        var info = new Dictionary<string, object?> { ["prob"] = 1.0, ["action_mask"] = new sbyte[] { 1, 0 }, ["nested"] = new Dictionary<string, object> { ["n"] = 2L } };
        var desc = new[] { "SFFF", "FHFH" };
        object[] tuple = [1L, "a"];

        var dict = Assert.IsType<Dictionary<string, object?>>(ValueCodec.ToPlain(RoundTripBytes(ValueCodec.FromPlain(info))));
        var list = Assert.IsType<List<object?>>(ValueCodec.ToPlain(ValueCodec.FromPlain(desc)));
        var items = Assert.IsType<object[]>(ValueCodec.ToPlain(ValueCodec.FromPlain(tuple)));

        Assert.Equal(["prob", "action_mask", "nested"], dict.Keys);
        Assert.Equal(1.0, dict["prob"]);
        Assert.Equal(new sbyte[] { 1, 0 }, dict["action_mask"]);
        Assert.Equal(2L, Assert.IsType<Dictionary<string, object?>>(dict["nested"])["n"]);
        Assert.Equal(desc, list);
        Assert.Equal(tuple, items);
    }

    [Fact]
    public void FromPlain_UnsupportedType_NamesTheType()
    {
        var error = Assert.Throws<ArgumentException>(() => ValueCodec.FromPlain(new Uri("http://x")));

        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPlain_EmptyValue_ThrowsProtocolException()
    {
        Assert.Throws<ProtocolException>(() => ValueCodec.ToPlain(new Proto.Value()));
    }

    [Fact]
    public void ToPlain_DictWithDuplicateKey_ThrowsProtocolException()
    {
        var dict = new Proto.DictValue();
        dict.Entries.Add(new Proto.DictValueEntry { Key = "a", Value = new Proto.Value { IntValue = 1 } });
        dict.Entries.Add(new Proto.DictValueEntry { Key = "a", Value = new Proto.Value { IntValue = 2 } });

        Assert.Throws<ProtocolException>(() => ValueCodec.ToPlain(new Proto.Value { Dict = dict }));
    }

    [Fact]
    public void EncodeMapDecodeInfo_InfoDict_RoundTrips()
    {
        var info = new Dictionary<string, object> { ["position"] = 3L, ["prob"] = 0.5 };
        var response = new Proto.StepResponse();

        ValueCodec.EncodeMap(info, response.Info);
        var decoded = ValueCodec.DecodeInfo(Proto.StepResponse.Parser.ParseFrom(response.ToByteArray()).Info);

        Assert.Equal(3L, decoded["position"]);
        Assert.Equal(0.5, decoded["prob"]);
    }

    private static void AssertBoxRoundTrip<T>(Box<T> space, T[] value)
        where T : unmanaged
    {
        var encoded = RoundTripBytes(ValueCodec.Encode(value, space));

        Assert.Equal(TensorCodec.DTypeOf<T>(), encoded.Tensor.Dtype);
        Assert.Equal(value, Assert.IsType<T[]>(ValueCodec.Decode(encoded, space)));
    }

    private static Proto.Value RoundTripBytes(Proto.Value value) => Proto.Value.Parser.ParseFrom(value.ToByteArray());

    [Fact]
    public void ToPlain_TensorOfShapeZeroByTwoTo40_ThrowsProtocolException()
    {
        var value = new Proto.Value { Tensor = new Proto.Tensor { Dtype = Proto.DType.Float32, Shape = { 0, 1L << 40 } } };

        Assert.Throws<ProtocolException>(() => ValueCodec.ToPlain(value));
    }

    [Fact]
    public void DecodeMap_OverMaxBytes_ThrowsRequestLimitExceptionNamingTheLimit()
    {
        var map = new Dictionary<string, Proto.Value> { ["big"] = new() { Tensor = TensorCodec.Encode(new byte[2048]) } };

        var error = Assert.Throws<RequestLimitException>(() => ValueCodec.DecodeMap(map, new ValueLimits { MaxBytes = 1024 }, "kwargs"));

        Assert.Contains("limit of 1,024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeMap_LongString_ThrowsRequestLimitExceptionQuotingAPrefix()
    {
        var map = new Dictionary<string, Proto.Value> { ["s"] = new() { StringValue = new string('a', 100_000) } };

        var error = Assert.Throws<RequestLimitException>(() => ValueCodec.DecodeMap(map, ValueLimits.Default, "kwargs"));

        Assert.Contains("(100,000 bytes)", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void DecodeMap_NestedDeeperThanMaxDepth_ThrowsProtocolException()
    {
        var value = new Proto.Value { IntValue = 1 };
        for (var i = 0; i < 5; i++)
        {
            value = new Proto.Value { Tuple = new Proto.TupleValue { Items = { value } } };
        }

        var map = new Dictionary<string, Proto.Value> { ["deep"] = value };

        var error = Assert.Throws<ProtocolException>(() => ValueCodec.DecodeMap(map, new ValueLimits { MaxDepth = 4 }, "options"));

        Assert.Contains("nested deeper than 4 levels", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, ((object?[])((object?[])((object?[])((object?[])((object?[])ValueCodec.DecodeMap(map, new ValueLimits { MaxDepth = 6 }, "options")["deep"]!)[0]!)[0]!)[0]!)[0]!)[0]);
    }

    [Fact]
    public void Describe_LongString_QuotesAPrefixAndTheSize()
    {
        var text = ValueCodec.Describe(new Proto.Value { StringValue = new string('q', 8000) });

        Assert.Contains("(8,000 bytes)", text, StringComparison.Ordinal);
        Assert.True(text.Length < 200, text);
    }
}
