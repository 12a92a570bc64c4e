using System.Globalization;
using System.Numerics;
using System.Text.Json;
using RlGym.Core.Random;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Core.Tests.Random;

public class NumpyGeneratorTests
{
    public static TheoryData<int> Seeds => NumpyRngFixture.SeedIndices;

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_FreshGenerator_MatchesNumpy(int index)
    {
        var expected = Doubles(NumpyRngFixture.Draws(index, "random_16"));
        var rng = Fresh(index);

        var actual = expected.Select(_ => rng.Random()).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Uniform_SizeFourCalls_MatchNumpy(int index)
    {
        var expected = NumpyRngFixture.Draws(index, "uniform_m0.05_0.05_size4_x8").EnumerateArray().Select(Doubles).ToArray();
        var rng = Fresh(index);

        var actual = expected.Select(_ =>
        {
            var buffer = new double[4];
            rng.Uniform(-0.05, 0.05, buffer);
            return buffer;
        }).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Uniform_ScalarCalls_MatchNumpy(int index)
    {
        var expected = Doubles(NumpyRngFixture.Draws(index, "uniform_m0.6_m0.4_scalar_x8"));
        var rng = Fresh(index);

        var actual = expected.Select(_ => rng.Uniform(-0.6, -0.4)).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Uniform_CastToFloat32_MatchesNumpy(int index)
    {
        var expected = NumpyRngFixture.Draws(index, "uniform_m0.1_0.1_size4_float32_x4").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        var rng = Fresh(index);

        var actual = expected.Select(_ =>
        {
            var buffer = new double[4];
            rng.Uniform(-0.1, 0.1, buffer);
            return buffer.Select(v => (float)v).ToArray();
        }).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Uniform_ArrayBounds_UsesEachElementsPair(int index)
    {
        var expected = NumpyRngFixture.Draws(index, "uniform_arraybounds_pendulum_x4").EnumerateArray().Select(Doubles).ToArray();
        var rng = Fresh(index);
        double[] low = [-Math.PI, -1.0];
        double[] high = [Math.PI, 1.0];

        var actual = expected.Select(_ =>
        {
            var buffer = new double[2];
            rng.Uniform(low, high, buffer);
            return buffer;
        }).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Integers_SmallRange_MatchesNumpyValuesAndState(int index)
    {
        var expected = Longs(NumpyRngFixture.Draws(index, "integers_0_10_x16"));
        var expectedState = NumpyRngFixture.Draws(index, "state_after_integers_0_10_x16");
        var rng = Fresh(index);

        var actual = expected.Select(_ => rng.Integers(0, 10)).ToArray();

        Assert.Equal(expected, actual);
        AssertState(expectedState, rng);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Integers_TwoPow31Range_MatchesNumpy(int index)
    {
        var expected = Longs(NumpyRngFixture.Draws(index, "integers_0_2pow31_x16"));
        var rng = Fresh(index);

        var actual = expected.Select(_ => rng.Integers(0, 1L << 31)).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Integers_RangeWithFrequentRejection_MatchesNumpy(int index)
    {
        var expected = Longs(NumpyRngFixture.Draws(index, "integers_0_3x2pow30p1_x16"));
        var rng = Fresh(index);

        var actual = expected.Select(_ => rng.Integers(0, (3L << 30) + 1)).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Choice_Lists_MatchNumpy(int index)
    {
        int[] deck = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10];
        string[] suits = ["C", "D", "H", "S"];
        string[] faces = ["J", "Q", "K"];
        var expectedDeck = NumpyRngFixture.Draws(index, "choice_deck13_x16").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var expectedSuits = NumpyRngFixture.Draws(index, "choice_suits4_x8").EnumerateArray().Select(e => e.GetString()).ToArray();
        var expectedFaces = NumpyRngFixture.Draws(index, "choice_JQK_x8").EnumerateArray().Select(e => e.GetString()).ToArray();

        var deckRng = Fresh(index);
        var suitRng = Fresh(index);
        var faceRng = Fresh(index);

        Assert.Equal(expectedDeck, expectedDeck.Select(_ => deckRng.Choice(deck)));
        Assert.Equal(expectedSuits, expectedSuits.Select(_ => suitRng.Choice(suits)));
        Assert.Equal(expectedFaces, expectedFaces.Select(_ => faceRng.Choice(faces)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Categorical_Thirds_MatchesNumpyChoiceWithP(int index)
    {
        var fixture = NumpyRngFixture.Draws(index, "categorical_thirds_x16");
        var p = Doubles(fixture.GetProperty("probs"));
        var draws = fixture.GetProperty("draws").EnumerateArray().ToArray();
        var rng = Fresh(index);
        var uRng = Fresh(index);

        foreach (var draw in draws)
        {
            Assert.Equal(draw.GetProperty("u").GetDouble(), uRng.Random());
            Assert.Equal(draw.GetProperty("index").GetInt32(), rng.Categorical(p));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void InterleavedSequence_MixedCalls_MatchValuesAndFullStateAfterEach(int index)
    {
        var rng = Fresh(index);

        foreach (var step in NumpyRngFixture.Draws(index, "interleaved_sequence").EnumerateArray())
        {
            var op = step.GetProperty("op").GetString()!;
            var value = step.GetProperty("value");
            switch (op)
            {
                case "random()":
                    Assert.Equal(value.GetDouble(), rng.Random());
                    break;
                case "random_raw()":
                    Assert.Equal(ulong.Parse(value.GetString()!, CultureInfo.InvariantCulture), rng.RandomRaw());
                    break;
                case "uniform(-0.05,0.05,size=(4,))":
                    var buffer = new double[4];
                    rng.Uniform(-0.05, 0.05, buffer);
                    Assert.Equal(Doubles(value), buffer);
                    break;
                case "integers(0,2**31)":
                    Assert.Equal(value.GetInt64(), rng.Integers(0, 1L << 31));
                    break;
                case "integers(1)":
                    Assert.Equal(value.GetInt64(), rng.Integers(1));
                    break;
                default:
                    // integers(0,n)
                    var n = long.Parse(op["integers(0,".Length..^1], CultureInfo.InvariantCulture);
                    Assert.Equal(value.GetInt64(), rng.Integers(0, n));
                    break;
            }

            var state = step.GetProperty("state_after");
            Assert.Equal(GymnasiumFixture.ToUInt128(state.GetProperty("state")), rng.BitGenerator.State);
            Assert.Equal(state.GetProperty("has_uint32").GetInt32() == 1, rng.BitGenerator.HasUint32);
            Assert.Equal(state.GetProperty("uinteger").GetUInt32(), rng.BitGenerator.UInteger);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void StandardNormal_FreshGenerator_MatchesNumpyZiggurat(int index)
    {
        var expected = Doubles(NumpyRngFixture.Draws(index, "standard_normal_16"));
        var rng = Fresh(index);

        var actual = expected.Select(_ => rng.StandardNormal()).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void StandardExponential_FreshGenerator_MatchesNumpyZiggurat(int index)
    {
        var expected = Doubles(NumpyRngFixture.Draws(index, "standard_exponential_16"));
        var rng = Fresh(index);

        var actual = expected.Select(_ => rng.StandardExponential()).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void StandardNormal_ManyDraws_HasUnitMomentsAndSymmetricTails()
    {
        // Exercises every layer, the wedge rejections and the tail (beyond 3.654) many times.
        var rng = NumpyGenerator.FromSeed(2024UL);
        const int n = 400_000;
        double sum = 0, sumSquares = 0;
        int tailLow = 0, tailHigh = 0;
        for (var i = 0; i < n; i++)
        {
            var x = rng.StandardNormal();
            sum += x;
            sumSquares += x * x;
            tailLow += x < -3.6541528853610088 ? 1 : 0;
            tailHigh += x > 3.6541528853610088 ? 1 : 0;
        }

        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(sumSquares / n, 0.98, 1.02);

        // P(|x| > r) = 2.58e-4 -> about 52 per side.
        Assert.InRange(tailLow, 20, 100);
        Assert.InRange(tailHigh, 20, 100);
    }

    [Fact]
    public void StandardExponential_ManyDraws_HasUnitMeanAndTail()
    {
        var rng = NumpyGenerator.FromSeed(2024UL);
        const int n = 400_000;
        double sum = 0;
        var tail = 0;
        for (var i = 0; i < n; i++)
        {
            var x = rng.StandardExponential();
            Assert.True(x >= 0);
            sum += x;
            tail += x > 7.69711747013104972 ? 1 : 0;
        }

        Assert.InRange(sum / n, 0.99, 1.01);

        // P(x > r) = exp(-7.697) = 4.5e-4 -> about 181.
        Assert.InRange(tail, 120, 250);
    }

    [Fact]
    public void Integers_SingleValueRange_ReturnsLowWithoutDrawing()
    {
        var rng = NumpyGenerator.FromSeed(3UL);
        var before = rng.BitGenerator.State;

        var value = rng.Integers(5, 6);

        Assert.Equal(5, value);
        Assert.Equal(before, rng.BitGenerator.State);
        Assert.False(rng.BitGenerator.HasUint32);
    }

    [Fact]
    public void Integers_FullUInt32Range_ReturnsLowPlusOne32BitDraw()
    {
        var rng = NumpyGenerator.FromSeed(3UL);
        var reference = NumpyGenerator.FromSeed(3UL);

        var value = rng.Integers(-10, (1L << 32) - 10);

        Assert.Equal(-10 + reference.BitGenerator.NextUInt32(), value);
    }

    [Fact]
    public void Integers_RangeAbove32Bits_UsesLemireOn64BitDraws()
    {
        // Hand-derived: rng = 2^40 - 1, so the result is the high word of next64 * 2^40 (no rejection: the low word
        // is next64 << 40, below 2^40 only when next64's low 24 bits are zero).
        var rng = NumpyGenerator.FromSeed(11UL);
        var reference = NumpyGenerator.FromSeed(11UL);
        var raw = reference.RandomRaw();

        var value = rng.Integers(0, 1L << 40);

        Assert.Equal((long)(raw >> 24), value);
    }

    [Fact]
    public void Integers_LowNotBelowHigh_Throws()
    {
        var rng = NumpyGenerator.FromSeed(0UL);

        Assert.Throws<ArgumentException>(() => rng.Integers(3, 3));
    }

    [Fact]
    public void Categorical_ProbabilitiesNotSummingToOne_Throws()
    {
        var rng = NumpyGenerator.FromSeed(0UL);

        Assert.Throws<ArgumentException>(() => rng.Categorical([0.5, 0.2]));
        Assert.Throws<ArgumentException>(() => rng.Categorical([1.5, -0.5]));
    }

    [Fact]
    public void FromSeed_BigIntegerAndUlong_GiveSameStream()
    {
        var a = NumpyGenerator.FromSeed(2147483647UL);
        var b = NumpyGenerator.FromSeed(new BigInteger(2147483647));

        Assert.Equal(a.Random(), b.Random());
    }

    [Fact]
    public void FromEntropy_TwoGenerators_Differ()
    {
        var a = NumpyGenerator.FromEntropy();
        var b = NumpyGenerator.FromEntropy();

        Assert.NotEqual(a.BitGenerator.State, b.BitGenerator.State);
    }

    private static NumpyGenerator Fresh(int index) => NumpyGenerator.FromSeed(NumpyRngFixture.SeedValue(index));

    private static double[] Doubles(JsonElement array) => GymnasiumFixture.ToDoubleArray(array);

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    private static void AssertState(JsonElement expected, NumpyGenerator rng)
    {
        Assert.Equal(GymnasiumFixture.ToUInt128(expected.GetProperty("state")), rng.BitGenerator.State);
        Assert.Equal(GymnasiumFixture.ToUInt128(expected.GetProperty("inc")), rng.BitGenerator.Increment);
        Assert.Equal(expected.GetProperty("has_uint32").GetInt32() == 1, rng.BitGenerator.HasUint32);
        Assert.Equal(expected.GetProperty("uinteger").GetUInt32(), rng.BitGenerator.UInteger);
    }
}
