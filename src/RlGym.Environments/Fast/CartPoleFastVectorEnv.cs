using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// CartPole's fast variant: <see cref="CartPoleFastDynamics"/> stepped sixteen copies at a time with AVX-512
/// (<see cref="Vector512{T}"/>, where <see cref="Vector512.IsHardwareAccelerated"/>), else eight at a time with AVX
/// (<see cref="Vector256{T}"/>); the rest of a chunk (and CPUs without AVX) goes through the scalar reference loop.
/// </summary>
/// <remarks>
/// Each SIMD block is a lane-wise transcription of <see cref="CartPoleFastDynamics.Step"/> and
/// <see cref="FastAutoreset.StepCopy"/>: the same float operations in the same order (.NET contracts nothing into
/// fused multiply-adds), so every copy equals the scalar loop bit for bit; the tests hold it to that. Copies that
/// autoreset this step (about one in twenty under random actions) are redone through the scalar path, which draws
/// from their generators.
/// </remarks>
public sealed class CartPoleFastVectorEnv : FastVectorEnv<CartPoleFastDynamics, Float4, Float4, float, int>
{
    // Byte j of entry m is bit j of m: eight bool flags from an eight-lane mask in one store.
    private static readonly ulong[] MaskToBools = BuildMaskTable();

    private readonly bool _suttonBartoReward;
    private int _lanes = PreferredLanes;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">Must be next-step.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (CartPole-v1: 500), null for none.</param>
    /// <param name="suttonBartoReward">The kwarg <c>sutton_barto_reward</c> of <see cref="CartPoleEnv"/>.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public CartPoleFastVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = 500,
        bool suttonBartoReward = false,
        EnvSpec? spec = null)
        : base(numEnvs, new CartPoleFastDynamics(suttonBartoReward), new CartPoleEnv(suttonBartoReward), autoresetMode, maxEpisodeSteps, spec)
    {
        _suttonBartoReward = suttonBartoReward;
    }

    /// <summary>Whether this process steps several copies per instruction (AVX present).</summary>
    public static bool IsVectorized => PreferredLanes > 1;

    /// <summary>Copies per instruction on this CPU: 16 with AVX-512 (512-bit vectors accelerated), 8 with AVX, else 1.</summary>
    public static int PreferredLanes { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 16 : Avx.IsSupported ? 8 : 1;

    /// <summary>
    /// Copies per SIMD block: <see cref="PreferredLanes"/> unless narrowed (tests hold each width to the scalar loop).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">A width this CPU does not accelerate.</exception>
    internal int Lanes
    {
        get => _lanes;
        init => _lanes = value is 1 || (value is 8 && Avx.IsSupported) || (value is 16 && PreferredLanes == 16)
            ? value
            : throw new PlatformNotSupportedException($"{value} lanes: this CPU steps at most {PreferredLanes} copies per instruction.");
    }

    /// <inheritdoc />
    protected override void StepRange(int start, int end, int[] actions)
    {
        var i = start;
        if (_lanes == 16)
        {
            for (; i + 16 <= end; i += 16)
            {
                StepBlock16(i, actions);
            }
        }

        if (_lanes >= 8)
        {
            for (; i + 8 <= end; i += 8)
            {
                StepBlock8(i, actions);
            }
        }

        StepScalar(i, end, actions);
    }

    private static ulong[] BuildMaskTable()
    {
        var table = new ulong[256];
        for (var m = 0; m < 256; m++)
        {
            for (var j = 0; j < 8; j++)
            {
                table[m] |= (ulong)((m >> j) & 1) << (8 * j);
            }
        }

        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StepBlock8(int i, int[] actions)
    {
        ref var state = ref Unsafe.As<Float4, float>(ref MemoryMarshal.GetArrayDataReference(States));
        var offset = (nuint)(4 * i);

        // Eight interleaved (x, x_dot, theta, theta_dot) copies -> one vector per field, lanes in copy order.
        var o0 = Vector256.LoadUnsafe(ref state, offset);
        var o1 = Vector256.LoadUnsafe(ref state, offset + 8);
        var o2 = Vector256.LoadUnsafe(ref state, offset + 16);
        var o3 = Vector256.LoadUnsafe(ref state, offset + 24);
        var e = Avx.Permute2x128(o0, o2, 0x20);
        var f = Avx.Permute2x128(o0, o2, 0x31);
        var g = Avx.Permute2x128(o1, o3, 0x20);
        var h = Avx.Permute2x128(o1, o3, 0x31);
        var a = Avx.UnpackLow(e.AsDouble(), f.AsDouble()).AsSingle();
        var c = Avx.UnpackHigh(e.AsDouble(), f.AsDouble()).AsSingle();
        var b = Avx.UnpackLow(g.AsDouble(), h.AsDouble()).AsSingle();
        var d = Avx.UnpackHigh(g.AsDouble(), h.AsDouble()).AsSingle();
        var x = Avx.Shuffle(a, b, 0x88);
        var xDot = Avx.Shuffle(a, b, 0xDD);
        var theta = Avx.Shuffle(c, d, 0x88);
        var thetaDot = Avx.Shuffle(c, d, 0xDD);

        ref var elapsedRef = ref MemoryMarshal.GetArrayDataReference(Elapsed);
        var elapsed = Vector256.LoadUnsafe(ref elapsedRef, (nuint)i);
        var action = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(actions), (nuint)i);

        // CartPoleFastDynamics.Step, lane-wise.
        var force = Vector256.ConditionalSelect(
            Vector256.Equals(action, Vector256.Create(1)).AsSingle(),
            Vector256.Create(CartPoleFastDynamics.ForceMag),
            Vector256.Create(-CartPoleFastDynamics.ForceMag));
        FastMath.SinCos(theta, out var sintheta, out var costheta);
        var inverseTotalMass = Vector256.Create(CartPoleFastDynamics.InverseTotalMass);
        var temp = (force + (Vector256.Create(CartPoleFastDynamics.PoleMassLength) * (thetaDot * thetaDot) * sintheta)) * inverseTotalMass;
        var thetaacc = ((Vector256.Create(CartPoleFastDynamics.Gravity) * sintheta) - (costheta * temp))
            / (Vector256.Create(CartPoleFastDynamics.Length)
                * (Vector256.Create(CartPoleFastDynamics.FourThirds)
                    - (Vector256.Create(CartPoleFastDynamics.MassPole) * (costheta * costheta) * inverseTotalMass)));
        var xacc = temp - (Vector256.Create(CartPoleFastDynamics.PoleMassLength) * thetaacc * costheta * inverseTotalMass);
        var tau = Vector256.Create(CartPoleFastDynamics.Tau);
        var nx = x + (tau * xDot);
        var nxDot = xDot + (tau * xacc);
        var ntheta = theta + (tau * thetaDot);
        var nthetaDot = thetaDot + (tau * thetaacc);
        var terminated = Vector256.LessThan(nx, Vector256.Create(-CartPoleFastDynamics.XThreshold))
            | Vector256.GreaterThan(nx, Vector256.Create(CartPoleFastDynamics.XThreshold))
            | Vector256.LessThan(ntheta, Vector256.Create(-CartPoleFastDynamics.ThetaThreshold))
            | Vector256.GreaterThan(ntheta, Vector256.Create(CartPoleFastDynamics.ThetaThreshold));

        // FastAutoreset.StepCopy's bookkeeping for copies that did not end last step.
        var ended = Vector256.Equals(elapsed, Vector256.Create(FastAutoreset.Ended));
        var counted = elapsed + Vector256.Create(1);
        var truncated = MaxEpisodeSteps > 0
            ? Vector256.GreaterThanOrEqual(counted, Vector256.Create(MaxEpisodeSteps))
            : Vector256<int>.Zero;
        var done = terminated.AsInt32() | truncated;
        Vector256.ConditionalSelect(done, Vector256.Create(FastAutoreset.Ended), counted).StoreUnsafe(ref elapsedRef, (nuint)i);

        // Back to interleaved copies: the new state is also the observation.
        a = Avx.UnpackLow(nx, nxDot);
        b = Avx.UnpackHigh(nx, nxDot);
        c = Avx.UnpackLow(ntheta, nthetaDot);
        d = Avx.UnpackHigh(ntheta, nthetaDot);
        e = Avx.UnpackLow(a.AsDouble(), c.AsDouble()).AsSingle();
        f = Avx.UnpackHigh(a.AsDouble(), c.AsDouble()).AsSingle();
        g = Avx.UnpackLow(b.AsDouble(), d.AsDouble()).AsSingle();
        h = Avx.UnpackHigh(b.AsDouble(), d.AsDouble()).AsSingle();
        o0 = Avx.Permute2x128(e, f, 0x20);
        o1 = Avx.Permute2x128(g, h, 0x20);
        o2 = Avx.Permute2x128(e, f, 0x31);
        o3 = Avx.Permute2x128(g, h, 0x31);
        ref var observation = ref MemoryMarshal.GetArrayDataReference(Observations);
        o0.StoreUnsafe(ref state, offset);
        o1.StoreUnsafe(ref state, offset + 8);
        o2.StoreUnsafe(ref state, offset + 16);
        o3.StoreUnsafe(ref state, offset + 24);
        o0.StoreUnsafe(ref observation, offset);
        o1.StoreUnsafe(ref observation, offset + 8);
        o2.StoreUnsafe(ref observation, offset + 16);
        o3.StoreUnsafe(ref observation, offset + 24);

        var reward = _suttonBartoReward
            ? Vector256.ConditionalSelect(terminated, Vector256.Create(-1f), Vector256<float>.Zero)
            : Vector256.Create(1f);
        var (rewardLow, rewardHigh) = Vector256.Widen(reward);
        ref var rewards = ref MemoryMarshal.GetArrayDataReference(Rewards);
        rewardLow.StoreUnsafe(ref rewards, (nuint)i);
        rewardHigh.StoreUnsafe(ref rewards, (nuint)i + 4);
        StoreFlags(Terminations, i, terminated.ExtractMostSignificantBits());
        StoreFlags(Truncations, i, truncated.ExtractMostSignificantBits());
        RedoAutoresets(i, ended.ExtractMostSignificantBits(), actions);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StepBlock16(int i, int[] actions)
    {
        ref var state = ref Unsafe.As<Float4, float>(ref MemoryMarshal.GetArrayDataReference(States));
        var offset = (nuint)(4 * i);

        // Sixteen interleaved copies -> one vector per field: two rounds of two-source permutes (vpermt2ps).
        var o0 = Vector512.LoadUnsafe(ref state, offset);
        var o1 = Vector512.LoadUnsafe(ref state, offset + 16);
        var o2 = Vector512.LoadUnsafe(ref state, offset + 32);
        var o3 = Vector512.LoadUnsafe(ref state, offset + 48);
        var firstFields = Vector512.Create(0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
        var lastFields = Vector512.Create(2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
        var lowHalves = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
        var highHalves = Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
        var xy0 = Avx512F.PermuteVar16x32x2(o0, firstFields, o1); // x and x_dot of copies 0-7
        var zw0 = Avx512F.PermuteVar16x32x2(o0, lastFields, o1);
        var xy1 = Avx512F.PermuteVar16x32x2(o2, firstFields, o3); // copies 8-15
        var zw1 = Avx512F.PermuteVar16x32x2(o2, lastFields, o3);
        var x = Avx512F.PermuteVar16x32x2(xy0, lowHalves, xy1);
        var xDot = Avx512F.PermuteVar16x32x2(xy0, highHalves, xy1);
        var theta = Avx512F.PermuteVar16x32x2(zw0, lowHalves, zw1);
        var thetaDot = Avx512F.PermuteVar16x32x2(zw0, highHalves, zw1);

        ref var elapsedRef = ref MemoryMarshal.GetArrayDataReference(Elapsed);
        var elapsed = Vector512.LoadUnsafe(ref elapsedRef, (nuint)i);
        var action = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(actions), (nuint)i);

        // CartPoleFastDynamics.Step, lane-wise.
        var force = Vector512.ConditionalSelect(
            Vector512.Equals(action, Vector512.Create(1)).AsSingle(),
            Vector512.Create(CartPoleFastDynamics.ForceMag),
            Vector512.Create(-CartPoleFastDynamics.ForceMag));
        FastMath.SinCos(theta, out var sintheta, out var costheta);
        var inverseTotalMass = Vector512.Create(CartPoleFastDynamics.InverseTotalMass);
        var temp = (force + (Vector512.Create(CartPoleFastDynamics.PoleMassLength) * (thetaDot * thetaDot) * sintheta)) * inverseTotalMass;
        var thetaacc = ((Vector512.Create(CartPoleFastDynamics.Gravity) * sintheta) - (costheta * temp))
            / (Vector512.Create(CartPoleFastDynamics.Length)
                * (Vector512.Create(CartPoleFastDynamics.FourThirds)
                    - (Vector512.Create(CartPoleFastDynamics.MassPole) * (costheta * costheta) * inverseTotalMass)));
        var xacc = temp - (Vector512.Create(CartPoleFastDynamics.PoleMassLength) * thetaacc * costheta * inverseTotalMass);
        var tau = Vector512.Create(CartPoleFastDynamics.Tau);
        var nx = x + (tau * xDot);
        var nxDot = xDot + (tau * xacc);
        var ntheta = theta + (tau * thetaDot);
        var nthetaDot = thetaDot + (tau * thetaacc);
        var terminated = Vector512.LessThan(nx, Vector512.Create(-CartPoleFastDynamics.XThreshold))
            | Vector512.GreaterThan(nx, Vector512.Create(CartPoleFastDynamics.XThreshold))
            | Vector512.LessThan(ntheta, Vector512.Create(-CartPoleFastDynamics.ThetaThreshold))
            | Vector512.GreaterThan(ntheta, Vector512.Create(CartPoleFastDynamics.ThetaThreshold));

        // FastAutoreset.StepCopy's bookkeeping for copies that did not end last step.
        var ended = Vector512.Equals(elapsed, Vector512.Create(FastAutoreset.Ended));
        var counted = elapsed + Vector512.Create(1);
        var truncated = MaxEpisodeSteps > 0
            ? Vector512.GreaterThanOrEqual(counted, Vector512.Create(MaxEpisodeSteps))
            : Vector512<int>.Zero;
        var done = terminated.AsInt32() | truncated;
        Vector512.ConditionalSelect(done, Vector512.Create(FastAutoreset.Ended), counted).StoreUnsafe(ref elapsedRef, (nuint)i);

        // Back to interleaved copies: the same permutes, inverted.
        xy0 = Avx512F.PermuteVar16x32x2(nx, lowHalves, nxDot);
        xy1 = Avx512F.PermuteVar16x32x2(nx, highHalves, nxDot);
        zw0 = Avx512F.PermuteVar16x32x2(ntheta, lowHalves, nthetaDot);
        zw1 = Avx512F.PermuteVar16x32x2(ntheta, highHalves, nthetaDot);
        var firstCopies = Vector512.Create(0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
        var lastCopies = Vector512.Create(4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
        o0 = Avx512F.PermuteVar16x32x2(xy0, firstCopies, zw0);
        o1 = Avx512F.PermuteVar16x32x2(xy0, lastCopies, zw0);
        o2 = Avx512F.PermuteVar16x32x2(xy1, firstCopies, zw1);
        o3 = Avx512F.PermuteVar16x32x2(xy1, lastCopies, zw1);
        ref var observation = ref MemoryMarshal.GetArrayDataReference(Observations);
        o0.StoreUnsafe(ref state, offset);
        o1.StoreUnsafe(ref state, offset + 16);
        o2.StoreUnsafe(ref state, offset + 32);
        o3.StoreUnsafe(ref state, offset + 48);
        o0.StoreUnsafe(ref observation, offset);
        o1.StoreUnsafe(ref observation, offset + 16);
        o2.StoreUnsafe(ref observation, offset + 32);
        o3.StoreUnsafe(ref observation, offset + 48);

        var reward = _suttonBartoReward
            ? Vector512.ConditionalSelect(terminated, Vector512.Create(-1f), Vector512<float>.Zero)
            : Vector512.Create(1f);
        var (rewardLow, rewardHigh) = Vector512.Widen(reward);
        ref var rewards = ref MemoryMarshal.GetArrayDataReference(Rewards);
        rewardLow.StoreUnsafe(ref rewards, (nuint)i);
        rewardHigh.StoreUnsafe(ref rewards, (nuint)i + 8);
        var terminatedBits = terminated.ExtractMostSignificantBits();
        var truncatedBits = truncated.ExtractMostSignificantBits();
        StoreFlags(Terminations, i, terminatedBits & 0xFF);
        StoreFlags(Terminations, i + 8, terminatedBits >> 8);
        StoreFlags(Truncations, i, truncatedBits & 0xFF);
        StoreFlags(Truncations, i + 8, truncatedBits >> 8);
        RedoAutoresets(i, ended.ExtractMostSignificantBits(), actions);
    }

    // Eight flags from the low eight bits of a lane mask, in one store.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFlags(bool[] flags, int i, ulong mask) =>
        Unsafe.WriteUnaligned(
            ref Unsafe.As<bool, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(flags), i)),
            MaskToBools[mask]);

    // Copies that ended last step are reset instead, through the scalar reference (it draws from their generator).
    private void RedoAutoresets(int i, ulong resets, int[] actions)
    {
        while (resets != 0)
        {
            var j = i + System.Numerics.BitOperations.TrailingZeroCount(resets);
            resets &= resets - 1;
            Elapsed[j] = FastAutoreset.Ended;
            StepScalar(j, j + 1, actions);
        }
    }
}
