using System.Runtime.Intrinsics;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

public class FastMathTests
{
    [Fact]
    public void SinCos_OverTheRangeTheEnvsReach_IsWithinTheStatedBound()
    {
        var worst = 0.0;
        for (var k = -2_000_000; k <= 2_000_000; k++)
        {
            var x = k * 5e-5f;
            FastMath.SinCos(x, out var sin, out var cos);
            worst = Math.Max(worst, Math.Max(Math.Abs(sin - Math.Sin(x)), Math.Abs(cos - Math.Cos(x))));
        }

        Assert.True(worst <= FastMath.MaxAbsoluteError, $"max |error| {worst:E3} > {FastMath.MaxAbsoluteError:E3}");
    }

    [Fact]
    public void SinCos_Vector_EqualsTheScalarBitForBit() =>
        AssertLanesEqualTheScalar(8, (x, sin, cos) =>
        {
            FastMath.SinCos(Vector256.Create<float>(x), out var s, out var c);
            s.CopyTo(sin);
            c.CopyTo(cos);
        });

    [SimdTheory(16)]
    [InlineData(16)]
    public void SinCos_Vector512_EqualsTheScalarBitForBit(int width) =>
        AssertLanesEqualTheScalar(width, (x, sin, cos) =>
        {
            FastMath.SinCos(Vector512.Create<float>(x), out var s, out var c);
            s.CopyTo(sin);
            c.CopyTo(cos);
        });

    // 20,000 blocks of random arguments, alternately within +-0.5 and +-100.
    private static void AssertLanesEqualTheScalar(int width, Action<float[], float[], float[]> sinCos)
    {
        var random = new Random(7);
        var (lanes, sin, cos) = (new float[width], new float[width], new float[width]);
        for (var block = 0; block < 20_000; block++)
        {
            for (var j = 0; j < width; j++)
            {
                lanes[j] = (float)((random.NextDouble() - 0.5) * (block % 2 == 0 ? 1.0 : 200.0));
            }

            sinCos(lanes, sin, cos);
            for (var j = 0; j < width; j++)
            {
                FastMath.SinCos(lanes[j], out var s, out var c);
                Assert.Equal(BitConverter.SingleToInt32Bits(s), BitConverter.SingleToInt32Bits(sin[j]));
                Assert.Equal(BitConverter.SingleToInt32Bits(c), BitConverter.SingleToInt32Bits(cos[j]));
            }
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.7853982f)]
    [InlineData(1.5707964f)]
    [InlineData(3.1415927f)]
    [InlineData(-3.1415927f)]
    [InlineData(4.712389f)]
    public void SinCos_AtQuadrantBoundaries_MatchesMath(float x)
    {
        FastMath.SinCos(x, out var sin, out var cos);

        Assert.Equal(Math.Sin(x), sin, 1e-6);
        Assert.Equal(Math.Cos(x), cos, 1e-6);
    }
}
