using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Tests.ClassicControl;

public class GlibcSinCosTests
{
    private static bool OnGlibcWithFma => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 && Fma.IsSupported;

    [Fact]
    public void IsSupported_LinuxX64WithFma_PassesItsSelfCheck()
    {
        Assert.Equal(OnGlibcWithFma, GlibcSinCos.IsSupported);
    }

    [Fact]
    public void Cells_EqualTheLoadedLibmsTableByteForByte()
    {
        if (!OnGlibcWithFma)
        {
            return;
        }

        // glibc's sincostab sits in libm's read-only data; find it by cells 1 and 2 (both are computed here, not copied).
        var libm = File.ReadAllBytes(LoadedLibmPath());
        var ours = MemoryMarshal.AsBytes(GlibcSinCos.Cells).ToArray();
        var found = libm.AsSpan().IndexOf(ours.AsSpan(32, 64));
        Assert.True(found >= 32, "cells 1 and 2 of the table are not in the loaded libm");

        var theirs = libm.AsSpan(found - 32, ours.Length).ToArray();
        var differing = Enumerable.Range(0, ours.Length / 8).Where(i => !theirs.AsSpan(8 * i, 8).SequenceEqual(ours.AsSpan(8 * i, 8))).ToArray();
        Assert.Empty(differing);
    }

    [Theory]
    [InlineData("uniform over the table's range", 0.8554, false)]
    [InlineData("CartPole's angles", 0.25, false)]
    [InlineData("log-uniform down to 2^-40", 1.0, true)]
    public void TrySinCos_MillionsOfArguments_EqualMathSinCosBitForBit(string what, double scale, bool logUniform)
    {
        if (!GlibcSinCos.IsSupported)
        {
            return;
        }

        var random = new Random(what.Length);
        var mismatches = new List<string>();
        for (var i = 0; i < 1_000_000 && mismatches.Count < 5; i++)
        {
            var x = Vector256.Create(Draw(), Draw(), Draw(), Draw());
            Assert.True(GlibcSinCos.TrySinCos(x, out var sin, out var cos), $"{x} is inside the table's range");
            for (var lane = 0; lane < 4; lane++)
            {
                var argument = x.GetElement(lane);
                var (expectedSin, expectedCos) = Math.SinCos(argument);
                if (!SameBits(expectedSin, sin.GetElement(lane)) || !SameBits(expectedCos, cos.GetElement(lane)))
                {
                    mismatches.Add($"x = {argument:R}: sin {sin.GetElement(lane):R} vs {expectedSin:R}, cos {cos.GetElement(lane):R} vs {expectedCos:R}");
                }
            }
        }

        Assert.Empty(mismatches);

        double Draw()
        {
            var sign = random.Next(2) == 0 ? -1 : 1;
            return logUniform ? sign * Math.ScaleB(1 + random.NextDouble(), -random.Next(1, 41)) * 0.4 : sign * scale * random.NextDouble();
        }
    }

    [Theory]
    [InlineData(0.85546875)]
    [InlineData(-1.0)]
    [InlineData(3.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TrySinCos_ALaneOutsideTheTableRange_ComputesNothing(double outside)
    {
        Assert.False(GlibcSinCos.TrySinCos(Vector256.Create(0.1, outside, 0.2, 0.3), out _, out _));
    }

    [Fact]
    public void TrySinCos_TinyAndZeroArguments_AreThemselvesAndOne()
    {
        if (!GlibcSinCos.IsSupported)
        {
            return;
        }

        var x = Vector256.Create(0.0, -0.0, 1e-9, -Math.BitDecrement(Math.ScaleB(1, -27)));

        Assert.True(GlibcSinCos.TrySinCos(x, out var sin, out var cos));
        Assert.Equal(x.AsInt64(), sin.AsInt64());
        Assert.Equal(Vector256.Create(1.0), cos);
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static string LoadedLibmPath()
    {
        _ = Math.SinCos(0.5); // the runtime loads libm for it
        return File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).StartsWith("libm.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .First();
    }
}
