using System.Globalization;
using RlGym.Core.Spaces;

namespace RlGym.Core.Tests.Spaces;

public class DiscreteTests
{
    public static TheoryData<int> FixtureCases => SpaceFixtureCases.IndicesStartingWith("Discrete");

    public static TheoryData<int> MaskCases
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < NumpyRngFixture.Root.GetProperty("discrete_mask_probability").GetArrayLength(); i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Sample_SeededLikeGymnasium_MatchesFixture(int index)
    {
        var fixture = SpaceFixtureCases.Case(index);
        var space = Parse(fixture.GetProperty("space").GetString()!);
        var expected = fixture.GetProperty("samples").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        var used = space.Seed(fixture.GetProperty("seed").GetUInt64());
        var samples = expected.Select(_ => space.Sample()).ToArray();

        Assert.Equal([fixture.GetProperty("seed_return").GetUInt64()], used);
        Assert.Equal(expected, samples);
    }

    [Theory]
    [MemberData(nameof(MaskCases))]
    public void SampleWithMask_FixtureSeed_MatchesGymnasium(int index)
    {
        var fixture = NumpyRngFixture.Root.GetProperty("discrete_mask_probability")[index];
        var space = new Discrete(6);
        var mask = fixture.GetProperty("mask").EnumerateArray().Select(e => (sbyte)e.GetInt32()).ToArray();
        var expected = fixture.GetProperty("masked_samples").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        space.Seed(fixture.GetProperty("seed").GetUInt64());

        var samples = expected.Select(_ => space.Sample(mask)).ToArray();

        Assert.Equal(expected, samples);
    }

    [Theory]
    [MemberData(nameof(MaskCases))]
    public void SampleWithProbability_FixtureSeed_MatchesGymnasium(int index)
    {
        var fixture = NumpyRngFixture.Root.GetProperty("discrete_mask_probability")[index];
        var space = new Discrete(6);
        var probability = fixture.GetProperty("probability").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expected = fixture.GetProperty("probability_samples").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        space.Seed(fixture.GetProperty("seed").GetUInt64());

        var samples = expected.Select(_ => space.Sample(probability: probability)).ToArray();

        Assert.Equal(expected, samples);
    }

    [Fact]
    public void SampleWithMask_NothingAllowed_ReturnsStartWithoutDrawing()
    {
        var space = new Discrete(3, start: 4);
        space.Seed(1);
        var before = space.Random.BitGenerator.State;

        var value = space.Sample(mask: [0, 0, 0]);

        Assert.Equal(4, value);
        Assert.Equal(before, space.Random.BitGenerator.State);
    }

    [Fact]
    public void SampleWithMask_WrongLengthOrValues_Throws()
    {
        var space = new Discrete(3);

        Assert.Throws<ArgumentException>(() => space.Sample(mask: [1, 0]));
        Assert.Throws<ArgumentException>(() => space.Sample(mask: [1, 2, 0]));
    }

    [Fact]
    public void SampleWithProbability_NotSummingToOne_Throws()
    {
        var space = new Discrete(2);

        Assert.Throws<ArgumentException>(() => space.Sample(probability: [0.3, 0.3]));
    }

    [Fact]
    public void Sample_SingleElement_ReturnsStartWithoutDrawing()
    {
        var space = new Discrete(1, start: 7);
        space.Seed(0);
        var before = space.Random.BitGenerator.State;

        Assert.Equal(7, space.Sample());
        Assert.Equal(before, space.Random.BitGenerator.State);
    }

    [Theory]
    [InlineData(-2, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(-3, false)]
    public void Contains_WithStart_ChecksHalfOpenRange(int value, bool expected)
    {
        var space = new Discrete(5, start: -2);

        Assert.Equal(expected, space.Contains(value));
    }

    [Fact]
    public void ContainsObject_WrongTypes_False()
    {
        var space = new Discrete(3);

        Assert.True(space.ContainsObject(2));
        Assert.True(space.ContainsObject(2L));
        Assert.False(space.ContainsObject(2.0));
        Assert.False(space.ContainsObject("2"));
        Assert.False(space.ContainsObject(null));
        Assert.False(space.ContainsObject(new[] { 1 }));
    }

    [Theory]
    [InlineData(2, 0, "Discrete(2)")]
    [InlineData(5, -2, "Discrete(5, start=-2)")]
    public void ToString_LikeGymnasiumRepr(int n, int start, string expected)
    {
        Assert.Equal(expected, new Discrete(n, start).ToString());
    }

    [Fact]
    public void Constructor_NonPositiveN_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Discrete(0));
    }

    // "Discrete(5,start=-2)" or "Discrete(2)".
    private static Discrete Parse(string text)
    {
        var inner = text["Discrete(".Length..^1].Split(',');
        var n = int.Parse(inner[0], CultureInfo.InvariantCulture);
        var start = inner.Length > 1 ? int.Parse(inner[1].Split('=')[1], CultureInfo.InvariantCulture) : 0;
        return new Discrete(n, start);
    }
}
