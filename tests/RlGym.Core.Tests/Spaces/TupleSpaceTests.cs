using RlGym.Core.Spaces;

namespace RlGym.Core.Tests.Spaces;

public class TupleSpaceTests
{
    public static TheoryData<int> FixtureCases => SpaceFixtureCases.IndicesStartingWith("Tuple");

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Seed_Int_SeedsSubspacesFromOwnDrawsLikeGymnasium(int index)
    {
        var fixture = SpaceFixtureCases.Case(index);
        var space = Blackjack();
        var expectedSeeds = fixture.GetProperty("seed_return").EnumerateArray().Select(e => e.GetUInt64()).ToArray();
        var expected = fixture.GetProperty("samples").EnumerateArray()
            .Select(s => s.EnumerateArray().Select(e => (object)e.GetInt32()).ToArray()).ToArray();

        var used = space.Seed(fixture.GetProperty("seed").GetUInt64());
        var samples = expected.Select(_ => space.Sample()).ToArray();

        Assert.Equal(expectedSeeds, used);
        Assert.Equal(expected, samples);
    }

    [Fact]
    public void Seed_PerSubspaceSeeds_SeedsEachSubspace()
    {
        var space = Blackjack();
        var reference = new Discrete(11);
        reference.Seed(5);

        var used = space.Seed([1UL, 5UL, 9UL]);

        Assert.Equal([1UL, 5UL, 9UL], used);
        Assert.Equal(reference.Sample(), ((Discrete)space.Spaces[1]).Sample());
    }

    [Fact]
    public void Contains_ChecksLengthAndEachPart()
    {
        var space = Blackjack();

        Assert.True(space.Contains([31, 10, 1]));
        Assert.False(space.Contains([32, 10, 1]));
        Assert.False(space.Contains([1, 1]));
        Assert.False(space.ContainsObject(new[] { 1, 1, 1 }));
        Assert.False(space.ContainsObject(new object[] { 1, 1.0, 1 }));
    }

    [Fact]
    public void ToString_LikeGymnasiumRepr()
    {
        Assert.Equal("Tuple(Discrete(32), Discrete(11), Discrete(2))", Blackjack().ToString());
    }

    private static TupleSpace Blackjack() => new(new Discrete(32), new Discrete(11), new Discrete(2));
}
