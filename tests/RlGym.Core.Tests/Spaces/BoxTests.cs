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

    public static TheoryData<int> CartPoleCases => SpaceFixtureCases.IndicesStartingWith("Box CartPole");

    public static TheoryData<int> HalfBoundedCases => SpaceFixtureCases.IndicesStartingWith("Box(low=[0,-inf]");

    [Theory]
    [MemberData(nameof(CartPoleCases))]
    public void Sample_CartPoleObservationWithUnboundedDims_MatchesGymnasium(int index)
    {
        var fixture = SpaceFixtureCases.Case(index);
        var thetaLimit = 12 * 2 * Math.PI / 360;
        var high = new[] { 2.4 * 2, double.PositiveInfinity, thetaLimit * 2, double.PositiveInfinity };
        var space = new Box<float>(high.Select(h => -h).ToArray(), high);
        var expected = fixture.GetProperty("samples").EnumerateArray().Select(GymnasiumFixture.ToFloatArray).ToArray();

        space.Seed(fixture.GetProperty("seed").GetUInt64());
        var samples = expected.Select(_ => space.Sample()).ToArray();

        Assert.Equal(expected, samples);
    }

    [Theory]
    [MemberData(nameof(HalfBoundedCases))]
    public void Sample_HalfBoundedFloat64_MatchesGymnasium(int index)
    {
        var fixture = SpaceFixtureCases.Case(index);
        var space = new Box<double>([0, double.NegativeInfinity], [double.PositiveInfinity, 5]);
        var expected = fixture.GetProperty("samples").EnumerateArray().Select(GymnasiumFixture.ToDoubleArray).ToArray();

        space.Seed(fixture.GetProperty("seed").GetUInt64());
        var samples = expected.Select(_ => space.Sample()).ToArray();

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

    [Fact]
    public void ToString_CartPoleObservation_LikeGymnasiumRepr()
    {
        var thetaLimit = 12 * 2 * Math.PI / 360;
        double[] high = [2.4 * 2, double.PositiveInfinity, thetaLimit * 2, double.PositiveInfinity];
        var space = new Box<float>(high.Select(h => -h).ToArray(), high);

        Assert.Equal(
            "Box([-4.8               -inf -0.41887903        -inf], [4.8               inf 0.41887903        inf], (4,), float32)",
            space.ToString());
    }

    [Fact]
    public void ToString_ArrayBounds_LikeGymnasiumRepr()
    {
        Assert.Equal("Box([-1.2  -0.07], [0.6  0.07], (2,), float32)", new Box<float>([-1.2, -0.07], [0.6, 0.07]).ToString());
        Assert.Equal("Box([-1. -1. -8.], [1. 1. 8.], (3,), float32)", new Box<float>([-1, -1, -8], [1, 1, 8]).ToString());
        Assert.Equal("Box(0, 255, (210, 160, 3), uint8)", new Box<byte>(0, 255, [210, 160, 3]).ToString());
        Assert.Equal("Box([0 1], [3 4], (2,), int64)", new Box<long>([0, 1], [3, 4]).ToString());
        Assert.Equal("Box(False, True, (2,), bool)", new Box<bool>(0, 1, [2]).ToString());
        Assert.Equal("Box([[0. 1.]\n [2. 3.]], 4.0, (2, 2), float64)", new Box<double>([0, 1, 2, 3], [4, 4, 4, 4], [2, 2]).ToString());
    }

    [Fact]
    public void Boundedness_CartPoleAndHalfBounded_LikeGymnasium()
    {
        var cartPole = new Box<float>([-4.8, double.NegativeInfinity], [4.8, double.PositiveInfinity]);
        var half = new Box<double>([0, double.NegativeInfinity], [double.PositiveInfinity, 5]);
        var bounded = new Box<float>(-2, 2, [1]);

        Assert.Equal([true, false], cartPole.BoundedBelow);
        Assert.False(cartPole.IsBounded);
        Assert.False(half.IsBoundedBelow);
        Assert.False(half.IsBoundedAbove);
        Assert.True(bounded.IsBounded);
        Assert.True(bounded.IsBoundedIn("below"));
        Assert.Throws<ArgumentException>(() => bounded.IsBoundedIn("left"));
    }

    [Fact]
    public void Sample_Int32Bounded_IsFloorOfUniformToHighPlusOne()
    {
        var space = new Box<int>(-3, 5, [3]);
        space.Seed(9);
        var reference = RlGym.Core.Random.NumpyGenerator.FromSeed(9UL);

        var sample = space.Sample();

        var expected = Enumerable.Range(0, 3).Select(_ => (int)Math.Floor(-3 + (9.0 * reference.Random()))).ToArray();
        Assert.Equal(expected, sample);
        Assert.True(space.Contains(sample));
    }

    [Fact]
    public void Sample_UInt8Image_StaysInRangeAndMatchesUniform()
    {
        var space = new Box<byte>(0, 255, [4, 2]);
        space.Seed(1);
        var reference = RlGym.Core.Random.NumpyGenerator.FromSeed(1UL);

        var sample = space.Sample();

        var expected = Enumerable.Range(0, 8).Select(_ => (byte)Math.Floor(256 * reference.Random())).ToArray();
        Assert.Equal(expected, sample);
    }

    [Fact]
    public void Sample_SignedIntUnboundedBelow_UsesHighPlusOneMinusExponential()
    {
        var space = new Box<sbyte>(double.NegativeInfinity, 5, [2]);
        space.Seed(4);
        var reference = RlGym.Core.Random.NumpyGenerator.FromSeed(4UL);

        var sample = space.Sample();

        var expected = Enumerable.Range(0, 2)
            .Select(_ => (sbyte)Math.Clamp(Math.Floor(6 - reference.StandardExponential()), -126, 125)).ToArray();
        Assert.Equal(expected, sample);
        Assert.Equal(sbyte.MinValue, space.Low[0]);
        Assert.False(space.BoundedBelow[0]);
    }

    [Fact]
    public void Sample_Bool_IsFloorOfUniformZeroToTwo()
    {
        var space = new Box<bool>(0, 1, [5]);
        space.Seed(2);
        var reference = RlGym.Core.Random.NumpyGenerator.FromSeed(2UL);

        var sample = space.Sample();

        var expected = Enumerable.Range(0, 5).Select(_ => Math.Floor(2 * reference.Random()) != 0).ToArray();
        Assert.Equal(expected, sample);
    }

    [Fact]
    public void Sample_Int64AndInt16_StayWithinBounds()
    {
        var longSpace = new Box<long>(-10, 10, [50]);
        var shortSpace = new Box<short>(double.NegativeInfinity, double.PositiveInfinity, [50]);
        longSpace.Seed(0);
        shortSpace.Seed(0);

        Assert.True(longSpace.Contains(longSpace.Sample()));
        Assert.True(shortSpace.Contains(shortSpace.Sample()));
    }

    [Fact]
    public void Contains_EdgeCases_FollowGymnasium()
    {
        var space = new Box<double>([0, double.NegativeInfinity], [double.PositiveInfinity, 5]);
        var ints = new Box<int>(double.NegativeInfinity, double.PositiveInfinity, [1]);

        Assert.True(space.Contains([1e300, -1e300]));
        Assert.True(space.Contains([0, 5]));
        Assert.False(space.Contains([-1e-300, 0]));
        Assert.False(space.Contains([0, double.NaN]));
        Assert.True(space.Contains([double.PositiveInfinity, 0]));
        Assert.False(space.ContainsObject(new float[] { 0, 0 }));
        Assert.False(space.ContainsObject("x"));
        Assert.True(ints.Contains([int.MaxValue]));
        Assert.True(ints.Contains([int.MinValue]));
    }

    [Fact]
    public void Constructor_InvalidBounds_ThrowClearErrors()
    {
        Assert.Throws<ArgumentException>(() => new Box<byte>(-1, 5, [1]));
        Assert.Throws<ArgumentException>(() => new Box<byte>(0, double.PositiveInfinity, [1]));
        Assert.Throws<ArgumentException>(() => new Box<float>(double.NaN, 1, [1]));
        Assert.Throws<ArgumentException>(() => new Box<float>(2, 1, [1]));
        Assert.Throws<ArgumentException>(() => new Box<sbyte>(0, 300, [1]));
        Assert.Throws<ArgumentException>(() => new Box<float>([0, 1], [1], null));
        Assert.Throws<NotSupportedException>(() => new Box<char>(0, 1, [1]));
    }

    [Fact]
    public void Sample_OverflowingRange_Throws()
    {
        var space = new Box<double>(double.MinValue, double.MaxValue, [1]);

        Assert.Throws<InvalidOperationException>(() => space.Sample());
    }
}
