using RlGym.Core.Random;
using RlGym.Core.Spaces;

namespace RlGym.Core.Tests.Spaces;

public class MultiBinaryTests
{
    [Fact]
    public void Sample_Int8Integers_UsesTopBitOfEachByteOfA32BitDraw()
    {
        // integers(0, 2, dtype=int8): Lemire on bytes with range 1 never rejects and returns the byte's top bit; one
        // 32-bit draw serves four bytes, low byte first.
        var space = new MultiBinary(6);
        space.Seed(3);
        var reference = NumpyGenerator.FromSeed(3UL);
        var first = reference.BitGenerator.NextUInt32();
        var second = reference.BitGenerator.NextUInt32();

        var sample = space.Sample();

        var expected = Enumerable.Range(0, 6)
            .Select(i => (sbyte)((((i < 4 ? first : second) >> (8 * (i % 4))) >> 7) & 1)).ToArray();
        Assert.Equal(expected, sample);
        Assert.Equal(reference.BitGenerator.State, space.Random.BitGenerator.State);
        Assert.Equal(reference.BitGenerator.HasUint32, space.Random.BitGenerator.HasUint32);
    }

    [Fact]
    public void Sample_WithMask_KeepsFixedValuesAndDrawsForAll()
    {
        var space = new MultiBinary(3);
        space.Seed(8);
        var reference = new MultiBinary(3);
        reference.Seed(8);
        var random = reference.Sample();

        var sample = space.Sample(mask: [0, 2, 1]);

        Assert.Equal([0, random[1], 1], sample);
    }

    [Fact]
    public void Sample_WithProbability_ComparesRandomToP()
    {
        var space = new MultiBinary(3);
        space.Seed(8);

        Assert.Equal([0, 1, 1], space.Sample(probability: [0.0, 1.0, 1.0]));
    }

    [Fact]
    public void Contains_OnlyZerosAndOnesOfRightLength()
    {
        var space = new MultiBinary([2, 2]);

        Assert.True(space.Contains([0, 1, 1, 0]));
        Assert.False(space.Contains([0, 2, 1, 0]));
        Assert.False(space.Contains([0, 1]));
        Assert.False(space.ContainsObject(new[] { 0, 1, 1, 0 }));
    }

    [Fact]
    public void ToString_LikeGymnasiumRepr()
    {
        Assert.Equal("MultiBinary(5)", new MultiBinary(5).ToString());
        Assert.Equal("MultiBinary((2, 3))", new MultiBinary([2, 3]).ToString());
    }
}
