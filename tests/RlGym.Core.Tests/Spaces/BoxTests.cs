using RlGym.Core.Spaces;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Core.Tests.Spaces;

public class BoxTests
{
    public static TheoryData<int> BoundedFloat32Cases => SpaceFixtureCases.IndicesStartingWith("Box(-");

    [Theory]
    [MemberData(nameof(BoundedFloat32Cases))]
    public void Sample_BoundedFloat32_MatchesGymnasium(int index)
    {
        var fixture = SpaceFixtureCases.Case(index);
        var description = fixture.GetProperty("space").GetString()!;
        var bound = description.StartsWith("Box(-2,", StringComparison.Ordinal) ? 2.0 : 1.0;
        var space = new Box<float>(-bound, bound, [1]);
        var expected = fixture.GetProperty("samples").EnumerateArray().Select(GymnasiumFixture.ToFloatArray).ToArray();

        var used = space.Seed(fixture.GetProperty("seed").GetUInt64());
        var samples = expected.Select(_ => space.Sample()).ToArray();

        Assert.Equal([fixture.GetProperty("seed_return").GetUInt64()], used);
        Assert.Equal(expected, samples);
    }

    [Fact]
    public void Sample_PendulumAction_IsFloat32OfMinusTwoPlusFourTimesRandom()
    {
        var space = new Box<float>(-2, 2, [1]);
        space.Seed(3);
        var reference = RlGym.Core.Random.NumpyGenerator.FromSeed(3UL);

        var sample = space.Sample();

        Assert.Equal((float)(-2.0 + (4.0 * reference.Random())), sample[0]);
    }

    [Fact]
    public void Contains_Float32_ChecksShapeBoundsAndNaN()
    {
        var space = new Box<float>(-1, 1, [2]);

        Assert.True(space.Contains([0.5f, -1f]));
        Assert.False(space.Contains([0.5f]));
        Assert.False(space.Contains([0.5f, 1.5f]));
        Assert.False(space.Contains([float.NaN, 0f]));
        Assert.False(space.ContainsObject(new double[] { 0.5, 0.5 }));
        Assert.False(space.ContainsObject(null));
    }

    [Fact]
    public void ToString_UniformBounds_LikeGymnasiumRepr()
    {
        Assert.Equal("Box(-2.0, 2.0, (1,), float32)", new Box<float>(-2, 2, [1]).ToString());
        Assert.Equal("Box(0.0, 1.0, (3, 4), float64)", new Box<double>(0, 1, [3, 4]).ToString());
    }
}
