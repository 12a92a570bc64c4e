using RlGym.Environments.ToyText;

namespace RlGym.Environments.Tests.ToyText;

public class FrozenLakeMapsTests
{
    // Expected maps from Gymnasium's generate_random_map algorithm run on the fixtures' pure-Python PCG64 reference
    // (pcg64_ref.py); (5, 0.5, 7) needs 23 attempts, so it also checks the retry loop's draw order.
    [Theory]
    [InlineData(8, 0.8, 42UL, new[] { "SFHFFHFF", "FFFHFHFF", "FFHFFFHH", "FFFFFFFH", "FFFFFFFF", "FHFFHHFF", "FFFFFFFF", "FFFFFFFG" })]
    [InlineData(5, 0.5, 7UL, new[] { "SHFFF", "FHFFF", "FFFFF", "HFHFF", "HFHHG" })]
    [InlineData(4, 0.8, 0UL, new[] { "SFFF", "HHFF", "FHHF", "HFFG" })]
    public void GenerateRandomMap_Seeded_MatchesGymnasiumAlgorithm(int size, double p, ulong seed, string[] expected)
    {
        var map = FrozenLakeMaps.GenerateRandomMap(size, p, seed);

        Assert.Equal(expected, map);
    }

    [Fact]
    public void GenerateRandomMap_SameSeed_SameMap()
    {
        var first = FrozenLakeMaps.GenerateRandomMap(8, 0.8, 123);
        var second = FrozenLakeMaps.GenerateRandomMap(8, 0.8, 123);

        Assert.Equal(first, second);
    }

    [Fact]
    public void GenerateRandomMap_ManySeeds_AlwaysSquareWithCornersAndPath()
    {
        for (ulong seed = 0; seed < 30; seed++)
        {
            var size = 3 + (int)(seed % 6);
            var map = FrozenLakeMaps.GenerateRandomMap(size, 0.6, seed);

            Assert.Equal(size, map.Count);
            Assert.All(map, row => Assert.Equal(size, row.Length));
            Assert.Equal('S', map[0][0]);
            Assert.Equal('G', map[size - 1][size - 1]);
            Assert.True(FrozenLakeMaps.IsValid(map), $"seed {seed}: no path in {string.Join("/", map)}");
        }
    }

    [Fact]
    public void GenerateRandomMap_Unseeded_IsValid()
    {
        var map = FrozenLakeMaps.GenerateRandomMap();

        Assert.Equal(8, map.Count);
        Assert.True(FrozenLakeMaps.IsValid(map));
    }

    [Theory]
    [InlineData(new[] { "SF", "FG" }, true)]
    [InlineData(new[] { "SH", "HG" }, false)]
    [InlineData(new[] { "SFH", "HFH", "HFG" }, true)]
    [InlineData(new[] { "SFF", "HHH", "FFG" }, false)]
    public void IsValid_HandMadeMaps_FindsPathOnlyWhenOneExists(string[] map, bool expected)
    {
        Assert.Equal(expected, FrozenLakeMaps.IsValid(map));
    }

    [Theory]
    [InlineData(1, 0.8)]
    [InlineData(0, 0.8)]
    [InlineData(4, 0.0)]
    [InlineData(4, -0.5)]
    [InlineData(4, double.NaN)]
    public void GenerateRandomMap_InvalidArguments_Throws(int size, double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrozenLakeMaps.GenerateRandomMap(size, p, 0));
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingNames()
    {
        var error = Assert.Throws<ArgumentException>(() => FrozenLakeMaps.Get("5x5"));

        Assert.Contains("4x4", error.Message, StringComparison.Ordinal);
        Assert.Contains("8x8", error.Message, StringComparison.Ordinal);
    }
}
