using System.Globalization;
using RlGym.Core.Random;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Core.Tests.Random;

public class Pcg64Tests
{
    public static TheoryData<int> Seeds => NumpyRngFixture.SeedIndices;

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FromSeedSequence_FixtureSeed_MatchesNumpyState(int index)
    {
        var expected = NumpyRngFixture.Seed(index).GetProperty("pcg64_after_seeding");

        var pcg = Pcg64.FromSeedSequence(new SeedSequence(NumpyRngFixture.SeedValue(index)));

        Assert.Equal(GymnasiumFixture.ToUInt128(expected.GetProperty("state")), pcg.State);
        Assert.Equal(GymnasiumFixture.ToUInt128(expected.GetProperty("inc")), pcg.Increment);
        Assert.False(pcg.HasUint32);
        Assert.Equal(0u, pcg.UInteger);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void NextUInt64_FixtureSeed_MatchesRandomRaw(int index)
    {
        var expected = NumpyRngFixture.Draws(index, "random_raw_16").EnumerateArray()
            .Select(e => ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToArray();
        var pcg = Pcg64.FromSeedSequence(new SeedSequence(NumpyRngFixture.SeedValue(index)));

        var actual = expected.Select(_ => pcg.NextUInt64()).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NextUInt32_TwoCalls_ReturnLowThenHighHalfOfOneOutput()
    {
        var reference = Pcg64.FromSeedSequence(new SeedSequence(7UL));
        var pcg = Pcg64.FromSeedSequence(new SeedSequence(7UL));
        var raw = reference.NextUInt64();

        var first = pcg.NextUInt32();
        var afterFirst = pcg.HasUint32;
        var second = pcg.NextUInt32();

        Assert.Equal((uint)raw, first);
        Assert.True(afterFirst);
        Assert.Equal((uint)(raw >> 32), second);
        Assert.False(pcg.HasUint32);
        Assert.Equal(reference.State, pcg.State);
    }
}
