using Google.Protobuf;
using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Protocol.Conversions;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Tests.Conversions;

public class SpecCodecTests
{
    [Fact]
    public void EncodeDecode_Spec_RoundTripsEveryField()
    {
        var spec = new EnvSpec
        {
            Id = "FrozenLake-v1",
            EntryPoint = "RlGym.Environments.ToyText.FrozenLakeEnv",
            MaxEpisodeSteps = 100,
            RewardThreshold = 0.7,
            Nondeterministic = false,
            OrderEnforce = true,
            Kwargs = new Dictionary<string, object?> { ["desc"] = null, ["is_slippery"] = true, ["map_name"] = "4x4", ["success_rate"] = 1.0 / 3, ["n"] = 4L },
            HasVectorEntryPoint = true,
            Source = "built-in",
        };

        var message = Proto.EnvSpec.Parser.ParseFrom(SpecCodec.Encode(spec).ToByteArray());
        var decoded = SpecCodec.Decode(message, "built-in");

        Assert.Equal(spec with { Kwargs = decoded.Kwargs }, decoded);
        Assert.Equal(spec.Kwargs.OrderBy(kv => kv.Key, StringComparer.Ordinal), decoded.Kwargs);
    }

    [Fact]
    public void EncodeDecode_SpecWithoutLimitOrThreshold_LeavesThemAbsent()
    {
        var spec = new EnvSpec { Id = "X-v0", EntryPoint = "X" };

        var message = SpecCodec.Encode(spec);

        Assert.False(message.HasMaxEpisodeSteps);
        Assert.False(message.HasRewardThreshold);
        Assert.Null(SpecCodec.Decode(message).MaxEpisodeSteps);
        Assert.Equal("remote", SpecCodec.Decode(message).Source);
    }

    [Fact]
    public void EncodeDecode_Metadata_RoundTrips()
    {
        var metadata = new EnvMetadata([RenderModes.Ansi, RenderModes.RgbArray], 4, RewardType.Int);

        var message = SpecCodec.Encode(metadata);
        var decoded = SpecCodec.Decode(message);

        Assert.Equal(Proto.RewardType.Int, message.RewardType);
        Assert.Equal(metadata.RenderModes, decoded.RenderModes);
        Assert.Equal(4, decoded.RenderFps);
        Assert.Equal(RewardType.Int, decoded.RewardType);
    }

    [Fact]
    public void Decode_UnspecifiedRewardType_IsFloat()
    {
        Assert.Equal(RewardType.Float, SpecCodec.Decode(new Proto.EnvMetadata()).RewardType);
    }
}
