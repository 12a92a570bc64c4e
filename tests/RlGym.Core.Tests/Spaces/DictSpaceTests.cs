using RlGym.Core.Random;
using RlGym.Core.Spaces;

namespace RlGym.Core.Tests.Spaces;

public class DictSpaceTests
{
    [Fact]
    public void Constructor_PlainDict_SortsKeys()
    {
        var space = Make();

        Assert.Equal(["a", "b", "c"], space.Keys);
    }

    [Fact]
    public void Constructor_KeepOrder_KeepsInsertionOrder()
    {
        var space = new DictSpace([new("z", new Discrete(2)), new("a", new Discrete(3))], keepOrder: true);

        Assert.Equal(["z", "a"], space.Keys);
    }

    [Fact]
    public void Seed_Int_SeedsSubspacesInKeyOrderFromOwnDraws()
    {
        var space = Make();
        var reference = NumpyGenerator.FromSeed(11UL);
        var subSeeds = Enumerable.Range(0, 3).Select(_ => (ulong)reference.Integers(0, int.MaxValue)).ToArray();

        var used = space.Seed(11);
        var sample = space.Sample();

        Assert.Equal(subSeeds, used);
        var a = new Discrete(4);
        a.Seed(subSeeds[0]);
        Assert.Equal(a.Sample(), sample["a"]);
        var c = new Discrete(7);
        c.Seed(subSeeds[2]);
        Assert.Equal(c.Sample(), sample["c"]);
    }

    [Fact]
    public void Contains_RequiresSameKeysAndMembers()
    {
        var space = Make();

        Assert.True(space.Contains(new Dictionary<string, object> { ["a"] = 3, ["b"] = new float[] { 0.5f }, ["c"] = 6 }));
        Assert.False(space.Contains(new Dictionary<string, object> { ["a"] = 3, ["b"] = new float[] { 0.5f } }));
        Assert.False(space.Contains(new Dictionary<string, object> { ["a"] = 4, ["b"] = new float[] { 0.5f }, ["c"] = 6 }));
        Assert.False(space.Contains(new Dictionary<string, object> { ["a"] = 3, ["b"] = new float[] { 0.5f }, ["d"] = 6 }));
    }

    [Fact]
    public void ToString_LikeGymnasiumRepr()
    {
        Assert.Equal("Dict('a': Discrete(4), 'b': Box(-1.0, 1.0, (1,), float32), 'c': Discrete(7))", Make().ToString());
    }

    private static DictSpace Make() => new(
    [
        new("c", new Discrete(7)),
        new("a", new Discrete(4)),
        new("b", new Box<float>(-1, 1, [1])),
    ]);
}
