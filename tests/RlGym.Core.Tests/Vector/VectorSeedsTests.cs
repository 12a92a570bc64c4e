using RlGym.Core.Vector;

namespace RlGym.Core.Tests.Vector;

public class VectorSeedsTests
{
    [Fact]
    public void Spread_Seed_GivesCopyISeedPlusI() => Assert.Equal([7UL, 8UL, 9UL], VectorSeeds.Spread(7, 3));

    [Fact]
    public void Spread_NoSeed_LeavesEveryCopyUnseeded() => Assert.All(VectorSeeds.Spread(null, 4), s => Assert.Null(s));

    [Fact]
    public void RequireOnePerCopy_WrongCount_NamesBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => VectorSeeds.RequireOnePerCopy([1UL, 2UL], 3));

        Assert.Contains("Expected 3 seeds (one per copy), got 2.", error.Message, StringComparison.Ordinal);
    }
}
