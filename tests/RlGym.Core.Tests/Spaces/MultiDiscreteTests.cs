using RlGym.Core.Random;
using RlGym.Core.Spaces;

namespace RlGym.Core.Tests.Spaces;

public class MultiDiscreteTests
{
    [Fact]
    public void Sample_IsRandomTimesNvecTruncatedPlusStart()
    {
        var space = new MultiDiscrete([5, 2, 3], start: [0, -1, 10]);
        space.Seed(42);
        var reference = NumpyGenerator.FromSeed(42UL);

        var sample = space.Sample();

        int[] expected = [(int)(reference.Random() * 5), (int)(reference.Random() * 2) - 1, (int)(reference.Random() * 3) + 10];
        Assert.Equal(expected, sample);
        Assert.True(space.Contains(sample));
    }

    [Fact]
    public void Sample_WithMask_ChoosesAmongAllowedOrStart()
    {
        var space = new MultiDiscrete([3, 4], start: [0, 2]);
        space.Seed(7);
        var reference = NumpyGenerator.FromSeed(7UL);
        int[] allowedFirst = [0, 2];

        var sample = space.Sample([[1, 0, 1], [0, 0, 0, 0]]);

        Assert.Equal([allowedFirst[(int)reference.Integers(0, 2)], 2], sample);
        Assert.Equal(reference.BitGenerator.State, space.Random.BitGenerator.State);
    }

    [Fact]
    public void Sample_WithProbability_UsesOneRandomPerElement()
    {
        var space = new MultiDiscrete([2, 3]);
        space.Seed(5);

        var sample = space.Sample([[0.0, 1.0], [0.0, 0.0, 1.0]]);

        Assert.Equal([1, 2], sample);
    }

    [Fact]
    public void Contains_ChecksLengthAndPerElementRange()
    {
        var space = new MultiDiscrete([3, 2], start: [-1, 0]);

        Assert.True(space.Contains([-1, 1]));
        Assert.False(space.Contains([2, 0]));
        Assert.False(space.Contains([0]));
        Assert.False(space.ContainsObject(new long[] { 0, 0 }));
    }

    [Fact]
    public void ToString_LikeGymnasiumRepr()
    {
        Assert.Equal("MultiDiscrete([5 2 2])", new MultiDiscrete([5, 2, 2]).ToString());
        Assert.Equal("MultiDiscrete([ 3 10], start=[-1  0])", new MultiDiscrete([3, 10], start: [-1, 0]).ToString());
    }

    [Fact]
    public void Constructor_NonPositiveCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => new MultiDiscrete([3, 0]));
    }
}
