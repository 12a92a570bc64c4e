using RlGym.Protocol.Conversions;
using CoreAutoresetMode = RlGym.Core.Vector.AutoresetMode;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Tests.Conversions;

public class EnumCodecTests
{
    [Theory]
    [InlineData(CoreAutoresetMode.NextStep, Proto.AutoresetMode.NextStep)]
    [InlineData(CoreAutoresetMode.SameStep, Proto.AutoresetMode.SameStep)]
    [InlineData(CoreAutoresetMode.Disabled, Proto.AutoresetMode.Disabled)]
    public void EncodeDecode_AutoresetMode_RoundTrips(CoreAutoresetMode core, Proto.AutoresetMode wire)
    {
        Assert.Equal(wire, EnumCodec.Encode(core));
        Assert.Equal(core, EnumCodec.Decode(wire));
    }

    [Fact]
    public void Decode_UnspecifiedAutoresetMode_IsNextStep()
    {
        Assert.Equal(CoreAutoresetMode.NextStep, EnumCodec.Decode(Proto.AutoresetMode.Unspecified));
    }

    [Fact]
    public void Decode_AutoresetModeOutsideTheEnum_IsAProtocolErrorNamingTheModes()
    {
        var error = Assert.Throws<ProtocolException>(() => EnumCodec.Decode((Proto.AutoresetMode)9));

        Assert.Equal("Unknown autoreset_mode 9; use AUTORESET_MODE_NEXT_STEP, AUTORESET_MODE_SAME_STEP or AUTORESET_MODE_DISABLED.", error.Message);
    }

    [Theory]
    [InlineData(Proto.Backend.Unspecified, Proto.Backend.Auto)]
    [InlineData(Proto.Backend.Auto, Proto.Backend.Auto)]
    [InlineData(Proto.Backend.Cpu, Proto.Backend.Cpu)]
    [InlineData(Proto.Backend.Gpu, Proto.Backend.Gpu)]
    public void Decode_Backend_ReadsUnspecifiedAsAuto(Proto.Backend wire, Proto.Backend expected)
    {
        Assert.Equal(expected, EnumCodec.Decode(wire));
    }

    [Fact]
    public void Decode_BackendOutsideTheEnum_IsAProtocolError()
    {
        var error = Assert.Throws<ProtocolException>(() => EnumCodec.Decode((Proto.Backend)7));

        Assert.Contains("Unknown backend 7; use BACKEND_AUTO, BACKEND_CPU or BACKEND_GPU", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", Proto.Vectorization.Auto)]
    [InlineData("sync", Proto.Vectorization.Sync)]
    [InlineData("parallel", Proto.Vectorization.Parallel)]
    [InlineData("soa", Proto.Vectorization.Soa)]
    [InlineData("gymnasium", Proto.Vectorization.Gymnasium)]
    [InlineData("fast", Proto.Vectorization.Fast)]
    public void ParseVectorization_EveryName_RoundTripsThroughName(string name, Proto.Vectorization wire)
    {
        Assert.Equal(wire, EnumCodec.ParseVectorization(name));
        Assert.Equal(name, EnumCodec.Name(wire));
    }

    [Fact]
    public void VectorizationNames_CoverEveryValueButUnspecified_InTheEnumsOrder()
    {
        var values = Enum.GetValues<Proto.Vectorization>().Where(v => v != Proto.Vectorization.Unspecified);

        Assert.Equal(EnumCodec.VectorizationNames, values.Select(v => EnumCodec.Name(v)));
        Assert.Equal(EnumCodec.VectorizationNames, values.Select(v => v.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void Name_Unspecified_IsNull()
    {
        Assert.Null(EnumCodec.Name(Proto.Vectorization.Unspecified));
        Assert.Equal(Proto.Vectorization.Unspecified, EnumCodec.Decode(Proto.Vectorization.Unspecified));
    }

    [Theory]
    [InlineData("magic")]
    [InlineData("SOA")]
    [InlineData("")]
    public void ParseVectorization_UnknownName_ListsTheAcceptedOnes(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => EnumCodec.ParseVectorization(name));

        Assert.StartsWith($"Unknown vectorization '{name}'; accepted: auto, sync, parallel, soa, gymnasium, fast.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_VectorizationOutsideTheEnum_IsAProtocolErrorNamingTheValues()
    {
        var error = Assert.Throws<ProtocolException>(() => EnumCodec.Name((Proto.Vectorization)42));

        Assert.StartsWith("Unknown vectorization 42; use VECTORIZATION_AUTO, VECTORIZATION_SYNC", error.Message, StringComparison.Ordinal);
    }
}
