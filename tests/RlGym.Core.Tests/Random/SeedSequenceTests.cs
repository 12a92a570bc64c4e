using System.Globalization;
using System.Numerics;
using RlGym.Core.Random;

namespace RlGym.Core.Tests.Random;

public class SeedSequenceTests
{
    public static TheoryData<int> Seeds => NumpyRngFixture.SeedIndices;

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Pool_FixtureSeed_MatchesNumpy(int index)
    {
        var expected = NumpyRngFixture.Seed(index).GetProperty("seed_sequence").GetProperty("pool_uint32").EnumerateArray().Select(e => e.GetUInt32());

        var sequence = new SeedSequence(NumpyRngFixture.SeedValue(index));

        Assert.Equal(expected, sequence.Pool);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GenerateState32_FixtureSeed_MatchesNumpy(int index)
    {
        var expected = NumpyRngFixture.Seed(index).GetProperty("seed_sequence").GetProperty("generate_state_uint32_8").EnumerateArray().Select(e => e.GetUInt32());

        var words = new SeedSequence(NumpyRngFixture.SeedValue(index)).GenerateState32(8);

        Assert.Equal(expected, words);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GenerateState64_FixtureSeed_MatchesNumpy(int index)
    {
        var expected = NumpyRngFixture.Seed(index).GetProperty("seed_sequence").GetProperty("generate_state_uint64_4").EnumerateArray()
            .Select(e => ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture));

        var words = new SeedSequence(NumpyRngFixture.SeedValue(index)).GenerateState64(4);

        Assert.Equal(expected, words);
    }

    [Fact]
    public void Constructor_BigIntegerEqualToUlong_GivesSamePool()
    {
        var fromUlong = new SeedSequence(12345UL);
        var fromBig = new SeedSequence(new BigInteger(12345));

        Assert.Equal(fromUlong.Pool, fromBig.Pool);
    }

    [Fact]
    public void Constructor_SeedAbove64Bits_UsesEveryWord()
    {
        // Words beyond the first two must change the pool (they are mixed in after the first four hashes).
        var low = new SeedSequence(BigInteger.One << 64);
        var wide = new SeedSequence((BigInteger.One << 64) + (BigInteger.One << 160));

        Assert.NotEqual(low.Pool, wide.Pool);
        Assert.NotEqual(new SeedSequence(0UL).Pool, low.Pool);
    }

    [Fact]
    public void Constructor_NegativeSeed_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeedSequence(BigInteger.MinusOne));
    }
}
