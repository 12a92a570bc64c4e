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
}
