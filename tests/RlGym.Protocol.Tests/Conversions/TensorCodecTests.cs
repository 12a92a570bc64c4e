using Google.Protobuf;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;

namespace RlGym.Protocol.Tests.Conversions;

public class TensorCodecTests
{
    [Fact]
    public void Encode_Float32_WritesLittleEndianRowMajorBytes()
    {
        var tensor = TensorCodec.Encode<float>([1f, -2.5f, 3f, 0f, 1e-3f, 7f], [2, 3]);

        Assert.Equal(DType.Float32, tensor.Dtype);
        Assert.Equal([2L, 3L], tensor.Shape);
        // IEEE 754 single of 1.0 is 0x3F800000; little-endian puts 0x00 first.
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F }, tensor.Data.Span[..4].ToArray());
        Assert.Equal(24, tensor.Data.Length);
    }

    [Fact]
    public void RoundTrip_EveryDType_GivesTheSameElements()
    {
        AssertRoundTrip<float>([1.5f, float.NegativeInfinity, float.NaN], DType.Float32);
        AssertRoundTrip<double>([1.5, double.MaxValue, -0.0], DType.Float64);
        AssertRoundTrip<sbyte>([sbyte.MinValue, 0, sbyte.MaxValue], DType.Int8);
        AssertRoundTrip<short>([short.MinValue, 1, short.MaxValue], DType.Int16);
        AssertRoundTrip<int>([int.MinValue, 2, int.MaxValue], DType.Int32);
        AssertRoundTrip<long>([long.MinValue, 3, long.MaxValue], DType.Int64);
        AssertRoundTrip<byte>([0, 128, 255], DType.Uint8);
        AssertRoundTrip<ushort>([0, 1, ushort.MaxValue], DType.Uint16);
        AssertRoundTrip<uint>([0, 1, uint.MaxValue], DType.Uint32);
        AssertRoundTrip<ulong>([0, 1, ulong.MaxValue], DType.Uint64);
        AssertRoundTrip<bool>([true, false, true], DType.Bool);
    }

    [Fact]
    public void Scalar_Double_HasEmptyShapeAndEightBytes()
    {
        var tensor = TensorCodec.Scalar(2.0);

        Assert.Empty(tensor.Shape);
        Assert.Equal(DType.Float64, tensor.Dtype);
        Assert.Equal(BitConverter.GetBytes(2.0), tensor.Data.ToByteArray());
    }

    [Fact]
    public void Decode_Untyped_ReturnsArrayOfTheDTypesElementType()
    {
        var tensor = TensorCodec.Encode<short>([1, 2, 3, 4]);

        var array = TensorCodec.Decode(tensor);

        Assert.Equal(new short[] { 1, 2, 3, 4 }, Assert.IsType<short[]>(array));
    }

    [Fact]
    public void Encode_CopiesTheArray_LaterWritesDoNotChangeTheTensor()
    {
        var data = new float[] { 1, 2 };
        var tensor = TensorCodec.Encode<float>(data);

        data[0] = 99;

        Assert.Equal(new float[] { 1, 2 }, TensorCodec.Decode<float>(tensor));
    }

    [Fact]
    public void Encode_ShapeNotMatchingLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => TensorCodec.Encode<float>([1f, 2f, 3f], [2, 2]));

        Assert.Contains("holds 4 elements, but 3 were given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DataLengthNotMatchingShape_ThrowsProtocolExceptionWithSizes()
    {
        var tensor = new Tensor { Dtype = DType.Float32, Data = ByteString.CopyFrom(new byte[10]) };
        tensor.Shape.Add(3);

        var error = Assert.Throws<ProtocolException>(() => TensorCodec.Decode<float>(tensor));

        Assert.Equal("A float32 tensor of shape [3] needs 3 x 4 = 12 bytes of data, got 10.", error.Message);
    }

    [Fact]
    public void Decode_UnspecifiedDType_ThrowsProtocolExceptionListingDTypes()
    {
        var tensor = new Tensor { Data = ByteString.CopyFrom(new byte[4]) };

        var error = Assert.Throws<ProtocolException>(() => TensorCodec.Decode(tensor));

        Assert.Contains("DTYPE_UNSPECIFIED", error.Message, StringComparison.Ordinal);
        Assert.Contains("FLOAT32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NegativeDimension_ThrowsProtocolException()
    {
        var tensor = new Tensor { Dtype = DType.Uint8 };
        tensor.Shape.Add(-1);

        var error = Assert.Throws<ProtocolException>(() => TensorCodec.Validate(tensor));

        Assert.Contains("negative dimension", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HugeShape_ThrowsProtocolExceptionInsteadOfOverflowing()
    {
        var tensor = new Tensor { Dtype = DType.Float64 };
        tensor.Shape.Add(long.MaxValue / 2);
        tensor.Shape.Add(long.MaxValue / 2);

        Assert.Throws<ProtocolException>(() => TensorCodec.Validate(tensor));
    }

    [Fact]
    public void Decode_BoolByteOtherThanZeroOrOne_ThrowsProtocolException()
    {
        var tensor = new Tensor { Dtype = DType.Bool, Data = ByteString.CopyFrom(0, 2) };
        tensor.Shape.Add(2);

        var error = Assert.Throws<ProtocolException>(() => TensorCodec.Decode<bool>(tensor));

        Assert.Contains("0 or 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeTyped_WrongDType_NamesBoth()
    {
        var tensor = TensorCodec.Encode<double>([1.0]);

        var error = Assert.Throws<ProtocolException>(() => TensorCodec.Decode<float>(tensor));

        Assert.Equal("Expected a float32 tensor, got a float64 tensor of shape [1].", error.Message);
    }

    [Fact]
    public void DecodeIntegers_EveryIntegralDType_WidensToInt64()
    {
        Assert.Equal([-1L, 2L], TensorCodec.DecodeIntegers(TensorCodec.Encode<sbyte>([-1, 2])));
        Assert.Equal([-1L, 2L], TensorCodec.DecodeIntegers(TensorCodec.Encode<short>([-1, 2])));
        Assert.Equal([-1L, 2L], TensorCodec.DecodeIntegers(TensorCodec.Encode<int>([-1, 2])));
        Assert.Equal([255L, 2L], TensorCodec.DecodeIntegers(TensorCodec.Encode<byte>([255, 2])));
        Assert.Equal([65535L], TensorCodec.DecodeIntegers(TensorCodec.Encode<ushort>([65535])));
        Assert.Equal([4294967295L], TensorCodec.DecodeIntegers(TensorCodec.Encode<uint>([uint.MaxValue])));
        Assert.Equal([7L], TensorCodec.DecodeIntegers(TensorCodec.Encode<ulong>([7])));
        Assert.Throws<ProtocolException>(() => TensorCodec.DecodeIntegers(TensorCodec.Encode<ulong>([ulong.MaxValue])));
        Assert.Throws<ProtocolException>(() => TensorCodec.DecodeIntegers(TensorCodec.Encode<float>([1f])));
    }

    [Fact]
    public void WrapBytes_SharesTheArrayWithoutCopying()
    {
        var pixels = new byte[] { 1, 2, 3, 4, 5, 6 };

        var tensor = TensorCodec.WrapBytes(pixels, [1, 2, 3]);

        Assert.Equal(DType.Uint8, tensor.Dtype);
        Assert.Equal(pixels, tensor.Data.ToByteArray());
    }

    [Fact]
    public void DTypeConversions_CoreAndWire_AreInverse()
    {
        foreach (var dtype in Enum.GetValues<Core.Spaces.DType>())
        {
            Assert.Equal(dtype, TensorCodec.FromProto(TensorCodec.ToProto(dtype)));
        }

        Assert.Throws<ProtocolException>(() => TensorCodec.FromProto(DType.Unspecified));
    }

    private static void AssertRoundTrip<T>(T[] values, DType expected)
        where T : unmanaged
    {
        var tensor = TensorCodec.Encode<T>(values, [values.Length]);
        var parsed = Tensor.Parser.ParseFrom(tensor.ToByteArray());

        Assert.Equal(expected, parsed.Dtype);
        Assert.Equal(values, TensorCodec.Decode<T>(parsed));
        Assert.Equal(values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), parsed.Data.Length);
    }

    [Fact]
    public void Validate_ZeroByTwoTo40_ThrowsProtocolExceptionNotOverflow()
    {
        var tensor = new Tensor { Dtype = DType.Float32, Shape = { 0, 1L << 40 } };

        var error = Assert.Throws<ProtocolException>(() => TensorCodec.Validate(tensor));

        Assert.Contains("dimensions must be in [0, ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ElementCountPastAnArray_ThrowsProtocolException()
    {
        var tensor = new Tensor { Dtype = DType.Uint8, Shape = { 1L << 30, 1L << 30, 1L << 30, 4 } };

        var error = Assert.Throws<ProtocolException>(() => TensorCodec.Validate(tensor));

        Assert.Contains("more elements than an array can hold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Rank33_ThrowsProtocolExceptionNamingTheLimit()
    {
        var tensor = new Tensor { Dtype = DType.Uint8, Data = ByteString.CopyFrom(1) };
        tensor.Shape.AddRange(Enumerable.Repeat(1L, 33));

        var error = Assert.Throws<ProtocolException>(() => TensorCodec.Validate(tensor));

        Assert.Contains("at most 32 are allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Rank32_DecodesAsBefore()
    {
        var tensor = new Tensor { Dtype = DType.Uint8, Data = ByteString.CopyFrom(7) };
        tensor.Shape.AddRange(Enumerable.Repeat(1L, 32));

        var values = TensorCodec.Decode<byte>(tensor);

        Assert.Equal([7], values);
    }
}
