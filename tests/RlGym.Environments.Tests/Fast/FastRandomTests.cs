using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

public class FastRandomTests
{
    [Fact]
    public void FromSeed_SameSeed_SameStream()
    {
        var a = FastRandom.FromSeed(42);
        var b = FastRandom.FromSeed(42);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void FromSeed_NeighbouringSeeds_GiveUnrelatedFirstDraws()
    {
        var bits = Enumerable.Range(0, 1000).Select(s => FastRandom.FromSeed((ulong)s)).Select(r => r.NextUInt64()).ToArray();
        var floats = Enumerable.Range(0, 1000).Select(s => FastRandom.FromSeed((ulong)s)).Select(r => r.NextFloat()).ToArray();

        Assert.Equal(1000, bits.Distinct().Count());
        Assert.InRange(floats.Average(), 0.45, 0.55);
    }

    [Fact]
    public void Uniform_ManyDraws_StayInRangeWithTheRightMoments()
    {
        var random = FastRandom.FromSeed(1);
        var draws = Enumerable.Range(0, 200_000).Select(_ => random.Uniform(-0.05f, 0.05f)).ToArray();

        Assert.All(draws, d => Assert.InRange(d, -0.05f, 0.05f));
        Assert.InRange(draws.Average(), -0.0005, 0.0005);
        var variance = draws.Select(d => (double)d * d).Average();
        Assert.InRange(variance, 0.1 * 0.1 / 12 * 0.98, 0.1 * 0.1 / 12 * 1.02);
    }
}
