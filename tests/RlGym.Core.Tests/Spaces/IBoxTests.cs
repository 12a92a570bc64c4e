using RlGym.Core.Spaces;

namespace RlGym.Core.Tests.Spaces;

public class IBoxTests
{
    [Theory]
    [InlineData(DType.Float32, typeof(Box<float>))]
    [InlineData(DType.Float64, typeof(Box<double>))]
    [InlineData(DType.Int8, typeof(Box<sbyte>))]
    [InlineData(DType.Int16, typeof(Box<short>))]
    [InlineData(DType.Int32, typeof(Box<int>))]
    [InlineData(DType.Int64, typeof(Box<long>))]
    [InlineData(DType.UInt8, typeof(Box<byte>))]
    [InlineData(DType.Bool, typeof(Box<bool>))]
    public void Create_BoxDType_BuildsTheBoxOfThatElementType(DType dtype, Type expected)
    {
        var space = IBox.Create(dtype, [0, 0], [1, 1], [2]);

        Assert.IsType(expected, space);
        var box = Assert.IsAssignableFrom<IBox>(space);
        Assert.Equal(dtype, box.DType);
        Assert.Equal([2], box.Shape);
        Assert.Equal([1.0, 1.0], box.High);
    }

    [Theory]
    [InlineData(DType.UInt16)]
    [InlineData(DType.UInt32)]
    [InlineData(DType.UInt64)]
    public void Create_DTypeWithoutBox_IsNull(DType dtype) => Assert.Null(IBox.Create(dtype, [0], [1], [1]));

    [Fact]
    public void TryParseNumpyName_EveryDType_RoundTrips() =>
        Assert.All(Enum.GetValues<DType>(), dtype =>
        {
            Assert.True(DTypeExtensions.TryParseNumpyName(dtype.NumpyName(), out var parsed));
            Assert.Equal(dtype, parsed);
        });

    [Fact]
    public void TryParseNumpyName_UnknownName_IsFalse() => Assert.False(DTypeExtensions.TryParseNumpyName("float16", out _));
}
