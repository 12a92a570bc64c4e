using RlGym.Core.Spaces;
using RlGym.Protocol.Conversions;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Tests.Conversions;

public class BatchCodecTests
{
    [Fact]
    public void EncodeDecode_Float32BoxBatch_IsOneTensorWithTheCopyIndexFirst()
    {
        var box = new Box<float>(-1.0, 1.0, [2]);
        float[] batch = [0.5f, -0.25f, 1f, 0f, -1f, 0.125f];

        var value = BatchCodec.Encode(batch, box, 3);

        Assert.Equal(Proto.DType.Float32, value.Tensor.Dtype);
        Assert.Equal([3L, 2L], value.Tensor.Shape);
        Assert.Equal(batch, (float[])BatchCodec.Decode(value, box, 3));
    }

    [Fact]
    public void EncodeDecode_DiscreteBatch_IsAnInt64TensorDecodedIntoTheGivenBuffer()
    {
        var space = new Discrete(4);
        var target = new int[3];

        var value = BatchCodec.Encode(new[] { 3, 0, 2 }, space, 3);
        var decoded = BatchCodec.Decode(value, space, 3, "action", target);

        Assert.Equal(Proto.DType.Int64, value.Tensor.Dtype);
        Assert.Equal([3L], value.Tensor.Shape);
        Assert.Same(target, decoded);
        Assert.Equal([3, 0, 2], target);
    }

    [Fact]
    public void Decode_DiscreteBatchAsInt32_IsAccepted()
    {
        var decoded = BatchCodec.Decode(new Proto.Value { Tensor = TensorCodec.Encode<int>([1, 0]) }, new Discrete(2), 2);

        Assert.Equal([1, 0], (int[])decoded);
    }

    [Fact]
    public void Decode_WrongLeadingDimension_ThrowsNamingTheExpectedShape()
    {
        var error = Assert.Throws<ProtocolException>(() =>
            BatchCodec.Decode(new Proto.Value { Tensor = TensorCodec.Encode<long>([1, 0, 1]) }, new Discrete(2), 2, "action"));

        Assert.Equal("action must be a int64 tensor of shape [2] (copy index first, one value of Discrete(2) per copy), got a int64 tensor of shape [3].", error.Message);
    }

    [Fact]
    public void Decode_Int64OutsideInt32_ThrowsNamingTheCopy()
    {
        var error = Assert.Throws<ProtocolException>(() =>
            BatchCodec.Decode(new Proto.Value { Tensor = TensorCodec.Encode<long>([0, long.MaxValue]) }, new Discrete(2), 2, "action"));

        Assert.Contains("action[1]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(1_000)]
    [InlineData(1_002)]
    public void Decode_LongInt64BatchWithOneValueOutsideInt32_ThrowsNamingThatCopy(int copy)
    {
        // Long batches narrow eight values at a time: the copy named must still be the one that does not fit.
        var actions = new long[1_003];
        actions[copy] = copy % 2 == 0 ? (long)int.MaxValue + 1 : (long)int.MinValue - 1;

        var error = Assert.Throws<ProtocolException>(() =>
            BatchCodec.Decode(new Proto.Value { Tensor = TensorCodec.Encode<long>(actions) }, new Discrete(2), actions.Length, "action"));

        Assert.StartsWith($"action[{copy}] = {actions[copy]} does not fit in an int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LongInt64Batch_EqualsTheValuesNarrowed()
    {
        var random = new Random(4);
        var actions = Enumerable.Range(0, 1_003).Select(i => i % 7 == 0 ? (long)int.MinValue : i % 11 == 0 ? int.MaxValue : (long)random.Next(-5, 6)).ToArray();

        var decoded = (int[])BatchCodec.Decode(new Proto.Value { Tensor = TensorCodec.Encode<long>(actions) }, new Discrete(2), actions.Length, "action");

        Assert.Equal(actions.Select(a => (int)a), decoded);
    }

    [Fact]
    public void Decode_Float64ForAFloat32Box_Throws()
    {
        var box = new Box<float>(-1.0, 1.0, [1]);

        var error = Assert.Throws<ProtocolException>(() => BatchCodec.Decode(new Proto.Value { Tensor = TensorCodec.Encode<double>([0.5, 0.5], [2, 1]) }, box, 2));

        Assert.Contains("must be a float32 tensor of shape [2, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeDecode_TupleOfDiscreteBatches_IsATupleOfTensors()
    {
        var tuple = new TupleSpace(new Discrete(32), new Discrete(2));
        object[] batch = [new[] { 14, 20 }, new[] { 0, 1 }];

        var value = BatchCodec.Encode(batch, tuple, 2);
        var decoded = (object[])BatchCodec.Decode(value, tuple, 2);

        Assert.Equal(2, value.Tuple.Items.Count);
        Assert.Equal([14, 20], (int[])decoded[0]);
        Assert.Equal([0, 1], (int[])decoded[1]);
    }

    [Fact]
    public void EncodeDecodeInfo_FinalObsWithMissingCopies_IsAListWithNone()
    {
        var info = new Dictionary<string, object>
        {
            ["final_obs"] = new object?[] { null, new[] { 1f, 2f } },
            ["_final_obs"] = new[] { false, true },
            ["episode"] = new Dictionary<string, object> { ["r"] = new[] { 0.0, 3.5 } },
        };
        var map = new Google.Protobuf.Collections.MapField<string, Proto.Value>();

        BatchCodec.EncodeInfo(info, map);
        var decoded = BatchCodec.DecodeInfo(map);

        Assert.Equal(Proto.Value.KindOneofCase.List, map["final_obs"].KindCase);
        var finalObs = (object?[])decoded["final_obs"];
        Assert.Null(finalObs[0]);
        Assert.Equal([1f, 2f], (float[])finalObs[1]!);
        Assert.Equal([false, true], (bool[])decoded["_final_obs"]);
        Assert.Equal([0.0, 3.5], (double[])((IReadOnlyDictionary<string, object>)decoded["episode"])["r"]);
    }
}
