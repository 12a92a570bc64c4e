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
/// CartPole's fast variant: <see cref="CartPoleFastDynamics"/> stepped eight copies at a time with AVX
/// (<see cref="Vector256{T}"/>), the rest (and CPUs without AVX) through the scalar reference loop.
/// </summary>
/// <remarks>
/// The SIMD block is a lane-wise transcription of <see cref="CartPoleFastDynamics.Step"/> and
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

    /// <summary>Whether this process steps eight copies per instruction (AVX present).</summary>
    public static bool IsVectorized => Avx.IsSupported;

    /// <inheritdoc />
    protected override void StepRange(int start, int end, int[] actions)
    {
        var i = start;
        if (Avx.IsSupported)
        {
            for (; i + 8 <= end; i += 8)
            {
                StepBlock(i, actions);
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
    private void StepBlock(int i, int[] actions)
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
        Unsafe.WriteUnaligned(
            ref Unsafe.As<bool, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Terminations), i)),
            MaskToBools[terminated.ExtractMostSignificantBits()]);
        Unsafe.WriteUnaligned(
            ref Unsafe.As<bool, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Truncations), i)),
            MaskToBools[truncated.ExtractMostSignificantBits()]);

        // Copies that ended last step are reset instead, through the scalar reference (it draws from their generator).
        var resets = ended.ExtractMostSignificantBits();
        while (resets != 0)
        {
            var j = i + System.Numerics.BitOperations.TrailingZeroCount(resets);
            resets &= resets - 1;
            Elapsed[j] = FastAutoreset.Ended;
            StepScalar(j, j + 1, actions);
        }
    }
}
