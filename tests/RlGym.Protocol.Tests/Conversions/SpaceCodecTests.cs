using Google.Protobuf;
using RlGym.Core.Spaces;
using RlGym.Protocol.Conversions;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Tests.Conversions;

public class SpaceCodecTests
{
    public static TheoryData<Space> Spaces() => new()
    {
        new Box<float>([-4.8, double.NegativeInfinity, -0.418, double.NegativeInfinity], [4.8, double.PositiveInfinity, 0.418, double.PositiveInfinity]),
        new Box<double>(-1, 1, [2, 3]),
        new Box<sbyte>(-5, 5, [2]),
        new Box<short>(-5, 5, [2]),
        new Box<int>(0, 10, [3]),
        new Box<long>(-10, 10, [1]),
        new Box<byte>(0, 255, [4, 4, 3]),
        new Box<bool>(0, 1, [10, 10]),
        new Discrete(2),
        new Discrete(5, start: -2),
        new TupleSpace(new Discrete(32), new Discrete(11), new Discrete(2)),
        new TupleSpace(new Box<float>(0, 1, [2]), new TupleSpace(new Discrete(3))),
        new MultiDiscrete([3, 4, 5]),
        new MultiDiscrete([2, 2, 3, 3], start: [-1, 0, 1, 2], shape: [2, 2]),
        new MultiBinary(6),
        new MultiBinary([2, 3]),
        new DictSpace([new("position", new Box<float>(-1, 1, [2])), new("mode", new Discrete(3))], keepOrder: true),
        new DictSpace([new("b", new MultiBinary(2)), new("a", new TupleSpace(new Discrete(2)))]),
    };

    [Theory]
    [MemberData(nameof(Spaces))]
    public void RoundTrip_ThroughBytes_GivesAnEqualSpace(Space space)
    {
        var message = SpaceCodec.Encode(space);
        var parsed = Proto.Space.Parser.ParseFrom(message.ToByteArray());

        var decoded = SpaceCodec.Decode(parsed);

        Assert.Equal(space.GetType(), decoded.GetType());
        Assert.Equal(space.ToString(), decoded.ToString());
        Assert.Equal(space.Shape, decoded.Shape);
        Assert.Equal(message, SpaceCodec.Encode(decoded));
    }

    [Fact]
    public void Encode_Box_CarriesDTypeShapeAndFloat64Bounds()
    {
        var box = new Box<float>([-1.5, -2], [1.5, 2]);

        var message = SpaceCodec.Encode(box).Box;

        Assert.Equal(Proto.DType.Float32, message.Dtype);
        Assert.Equal([2L], message.Shape);
        Assert.Equal(Proto.DType.Float64, message.Low.Dtype);
        Assert.Equal(new[] { -1.5, -2.0 }, TensorCodec.Decode<double>(message.Low));
        Assert.Equal(new[] { 1.5, 2.0 }, TensorCodec.Decode<double>(message.High));
    }

    [Fact]
    public void Encode_Discrete_CarriesNAndStart()
    {
        var message = SpaceCodec.Encode(new Discrete(4, start: 1)).Discrete;

        Assert.Equal(4, message.N);
        Assert.Equal(1, message.Start);
    }

    [Fact]
    public void Decode_EmptySpace_ThrowsProtocolExceptionListingKinds()
    {
        var error = Assert.Throws<ProtocolException>(() => SpaceCodec.Decode(new Proto.Space()));

        Assert.Contains("box, discrete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BoxBoundsOfWrongShape_ThrowsProtocolException()
    {
        var message = SpaceCodec.Encode(new Box<float>(0, 1, [2]));
        message.Box.Low = TensorCodec.Encode<double>([0.0, 0.0, 0.0]);

        var error = Assert.Throws<ProtocolException>(() => SpaceCodec.Decode(message));

        Assert.Equal("Box low must be a float64 tensor of the box's shape [2], got a float64 tensor of shape [3].", error.Message);
    }

    [Fact]
    public void Decode_DiscreteWithZeroElements_ThrowsProtocolException()
    {
        var message = new Proto.Space { Discrete = new Proto.Discrete { N = 0 } };

        Assert.Throws<ProtocolException>(() => SpaceCodec.Decode(message));
    }

    [Fact]
    public void Decode_BoxOfUnsupportedDType_ThrowsProtocolExceptionListingDTypes()
    {
        var message = SpaceCodec.Encode(new Box<float>(0, 1, [1]));
        message.Box.Dtype = Proto.DType.Uint16;

        var error = Assert.Throws<ProtocolException>(() => SpaceCodec.Decode(message));

        Assert.Contains("uint16 is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_MultiDiscrete_CarriesNvecAndStartAsInt64TensorsOfItsShape()
    {
        var message = SpaceCodec.Encode(new MultiDiscrete([2, 3, 4, 5], start: [0, 1, 2, 3], shape: [2, 2])).MultiDiscrete;

        Assert.Equal(Proto.DType.Int64, message.Nvec.Dtype);
        Assert.Equal([2L, 2L], message.Nvec.Shape);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, TensorCodec.Decode<long>(message.Nvec));
        Assert.Equal(new long[] { 0, 1, 2, 3 }, TensorCodec.Decode<long>(message.Start));
    }

    [Fact]
    public void EncodeDecode_DictSpace_KeepsTheSpacesKeyOrder()
    {
        var space = new DictSpace([new("z", new Discrete(2)), new("a", new Discrete(3))], keepOrder: true);

        var message = SpaceCodec.Encode(space);
        var decoded = (DictSpace)SpaceCodec.Decode(message);

        Assert.Equal(["z", "a"], message.Dict.Entries.Select(e => e.Key));
        Assert.Equal(["z", "a"], decoded.Keys);
    }

    [Fact]
    public void Decode_MultiDiscreteWithZeroChoices_ThrowsProtocolException()
    {
        var message = new Proto.Space { MultiDiscrete = new Proto.MultiDiscrete { Nvec = TensorCodec.Encode<long>([2L, 0L]) } };

        var error = Assert.Throws<ProtocolException>(() => SpaceCodec.Decode(message));

        Assert.Contains(">= 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DictSpaceWithDuplicateKey_ThrowsProtocolException()
    {
        var message = new Proto.Space { Dict = new Proto.DictSpace() };
        message.Dict.Entries.Add(new Proto.DictSpaceEntry { Key = "a", Space = SpaceCodec.Encode(new Discrete(2)) });
        message.Dict.Entries.Add(new Proto.DictSpaceEntry { Key = "a", Space = SpaceCodec.Encode(new Discrete(2)) });

        Assert.Throws<ProtocolException>(() => SpaceCodec.Decode(message));
    }
}
