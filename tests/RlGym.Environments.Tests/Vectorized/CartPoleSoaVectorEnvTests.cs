using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Vectorized;

namespace RlGym.Environments.Tests.Vectorized;

public sealed class CartPoleSoaVectorEnvTests
{
    // 11 copies: two SIMD blocks of four and a per-copy tail of three. A short time limit and random actions make
    // terminations, truncations and autoresets frequent; every result must equal the per-copy loop bit for bit (on a
    // CPU without AVX both run the loop).
    [Theory]
    [InlineData(AutoresetMode.NextStep, false)]
    [InlineData(AutoresetMode.SameStep, false)]
    [InlineData(AutoresetMode.NextStep, true)]
    public void Step_SimdBlocks_EqualThePerCopyLoopBitForBit(AutoresetMode mode, bool suttonBarto)
    {
        var prototype = new CartPoleEnv(suttonBarto);
        using var simd = new CartPoleSoaVectorEnv(11, prototype.Dynamics, prototype, mode, 60, null);
        using var scalar = new CartPoleSoaVectorEnv(11, prototype.Dynamics, prototype, mode, 60, null) { UseSimd = false };
        var seeds = Enumerable.Range(0, 11).Select(i => (ulong?)(ulong)(3 + i)).ToArray();
        Assert.Equal(scalar.Reset(seeds).Observations, simd.Reset(seeds).Observations);

        var random = new Random(5);
        for (var step = 0; step < 2_000; step++)
        {
            var actions = Enumerable.Range(0, 11).Select(_ => random.Next(2)).ToArray();
            var expected = scalar.Step(actions);
            var actual = simd.Step(actions);

            Assert.Equal(expected.Observations.Select(BitConverter.SingleToInt32Bits), actual.Observations.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(expected.Rewards.Select(BitConverter.DoubleToInt64Bits), actual.Rewards.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expected.Terminations, actual.Terminations);
            Assert.Equal(expected.Truncations, actual.Truncations);
            for (var i = 0; i < 11; i++)
            {
                Assert.Equal(scalar.StateOf(i), simd.StateOf(i));
            }
        }
    }

    // Reset options can start the pole anywhere: angles outside the range glibc's table path covers
    // (|theta| >= 0.85546875) make their block take Math.SinCos, still equal to the loop.
    [Fact]
    public void Step_AnglesBeyondGlibcsTableRange_EqualThePerCopyLoopBitForBit()
    {
        var prototype = new CartPoleEnv();
        using var simd = new CartPoleSoaVectorEnv(8, prototype.Dynamics, prototype, AutoresetMode.NextStep, null, null);
        using var scalar = new CartPoleSoaVectorEnv(8, prototype.Dynamics, prototype, AutoresetMode.NextStep, null, null) { UseSimd = false };
        var seeds = Enumerable.Range(0, 8).Select(i => (ulong?)(ulong)(20 + i)).ToArray();
        var wide = new Dictionary<string, object> { ["low"] = -3.0, ["high"] = 3.0 };
        Assert.Equal(scalar.Reset(seeds, wide).Observations, simd.Reset(seeds, wide).Observations);
        var largest = Enumerable.Range(0, 8).Max(i => Math.Abs(simd.StateOf(i).Physics.Theta));

        var expected = scalar.Step([0, 1, 0, 1, 1, 1, 0, 0]);
        var actual = simd.Step([0, 1, 0, 1, 1, 1, 0, 0]);

        Assert.True(largest > 0.85546875, $"the angles reached only {largest}");
        Assert.Equal(expected.Observations.Select(BitConverter.SingleToInt32Bits), actual.Observations.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(expected.Terminations, actual.Terminations);
    }
}
