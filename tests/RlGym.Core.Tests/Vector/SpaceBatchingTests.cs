using RlGym.Core.Spaces;
using RlGym.Core.Vector;

namespace RlGym.Core.Tests.Vector;

public class SpaceBatchingTests
{
    private static readonly Box<float> Pair = new(-1.0, 1.0, [2]);

    [Fact]
    public void Slice_BoxBatch_CopiesTheRangeOfCopies()
    {
        float[] batch = [0f, 1f, 10f, 11f, 20f, 21f, 30f, 31f];

        var slice = (float[])SpaceBatching.Slice(Pair, batch, 1, 2);

        Assert.Equal([10f, 11f, 20f, 21f], slice);
    }

    [Fact]
    public void Slice_PastTheEnd_Throws()
    {
        int[] batch = [1, 2, 3];

        Assert.Throws<ArgumentOutOfRangeException>(() => SpaceBatching.Slice(new Discrete(2), batch, 2, 2));
    }

    [Fact]
    public void Concatenate_Slices_GivesTheOriginalBatch()
    {
        var space = new TupleSpace([new Discrete(5), Pair]);
        object[] batch = [new[] { 0, 1, 2, 3, 4 }, Enumerable.Range(0, 10).Select(i => (float)i).ToArray()];

        var joined = (object[])SpaceBatching.Concatenate(space, [
            SpaceBatching.Slice(space, batch, 0, 2), SpaceBatching.Slice(space, batch, 2, 1), SpaceBatching.Slice(space, batch, 3, 2)]);

        Assert.Equal((int[])batch[0], (int[])joined[0]);
        Assert.Equal((float[])batch[1], (float[])joined[1]);
    }

    [Fact]
    public void Concatenate_WrongBatchType_ThrowsNamingTheExpectedType()
    {
        var error = Assert.Throws<ArgumentException>(() => SpaceBatching.Concatenate(Pair, [new float[2], new int[2]]));

        Assert.Contains("Single[]", error.Message, StringComparison.Ordinal);
    }
}
