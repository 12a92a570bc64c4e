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
/// The SIMD block is written once, generic over the width (<see cref="IFloatLanes{TSelf, TInts}"/>: the JIT specialises
/// it for <see cref="FloatLanes512"/> and <see cref="FloatLanes256"/>), as a lane-wise transcription of
/// <see cref="CartPoleFastDynamics.Step"/> and <see cref="FastAutoreset.StepCopy"/>: the same float operations in the same order (.NET contracts nothing into
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
                StepBlock<FloatLanes512, IntLanes512>(i, actions);
            }
        }

        if (_lanes >= 8)
        {
            for (; i + 8 <= end; i += 8)
            {
                StepBlock<FloatLanes256, IntLanes256>(i, actions);
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

    // One block of TF.Count copies (8 or 16): the width's transpose around a lane-wise step written once. Not inlined
    // into StepRange: each width's body is its own method, so the JIT's inlining budget covers all its small members
    // (inlined into StepRange beside the 16-lane body, the 8-lane one ran out of budget and was ~25x slower).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StepBlock<TF, TI>(int i, int[] actions)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        ref var state = ref Unsafe.As<Float4, float>(ref MemoryMarshal.GetArrayDataReference(States));
        var offset = (nuint)(4 * i);

        // Interleaved (x, x_dot, theta, theta_dot) copies -> one vector per field, lanes in copy order.
        TF.LoadTransposed(ref state, offset, out var x, out var xDot, out var theta, out var thetaDot);
        ref var elapsedRef = ref MemoryMarshal.GetArrayDataReference(Elapsed);
        var elapsed = TI.Load(ref elapsedRef, (nuint)i);
        var action = TI.Load(ref MemoryMarshal.GetArrayDataReference(actions), (nuint)i);

        // CartPoleFastDynamics.Step, lane-wise.
        var force = TF.ConditionalSelect(
            TI.Equal(action, TI.Create(1)).AsSingle(),
            TF.Create(CartPoleFastDynamics.ForceMag),
            TF.Create(-CartPoleFastDynamics.ForceMag));
        FastMath.SinCos<TF, TI>(theta, out var sintheta, out var costheta);
        var inverseTotalMass = TF.Create(CartPoleFastDynamics.InverseTotalMass);
        var temp = (force + (TF.Create(CartPoleFastDynamics.PoleMassLength) * (thetaDot * thetaDot) * sintheta)) * inverseTotalMass;
        var thetaacc = ((TF.Create(CartPoleFastDynamics.Gravity) * sintheta) - (costheta * temp))
            / (TF.Create(CartPoleFastDynamics.Length)
                * (TF.Create(CartPoleFastDynamics.FourThirds)
                    - (TF.Create(CartPoleFastDynamics.MassPole) * (costheta * costheta) * inverseTotalMass)));
        var xacc = temp - (TF.Create(CartPoleFastDynamics.PoleMassLength) * thetaacc * costheta * inverseTotalMass);
        var tau = TF.Create(CartPoleFastDynamics.Tau);
        var nx = x + (tau * xDot);
        var nxDot = xDot + (tau * xacc);
        var ntheta = theta + (tau * thetaDot);
        var nthetaDot = thetaDot + (tau * thetaacc);
        var terminated = TF.LessThan(nx, TF.Create(-CartPoleFastDynamics.XThreshold))
            | TF.GreaterThan(nx, TF.Create(CartPoleFastDynamics.XThreshold))
            | TF.LessThan(ntheta, TF.Create(-CartPoleFastDynamics.ThetaThreshold))
            | TF.GreaterThan(ntheta, TF.Create(CartPoleFastDynamics.ThetaThreshold));

        // FastAutoreset.StepCopy's bookkeeping for copies that did not end last step.
        var ended = TI.Equal(elapsed, TI.Create(FastAutoreset.Ended));
        var counted = elapsed + TI.Create(1);
        var truncated = MaxEpisodeSteps > 0
            ? TI.GreaterThanOrEqual(counted, TI.Create(MaxEpisodeSteps))
            : TI.Zero;
        var done = terminated.AsInt32() | truncated;
        TI.ConditionalSelect(done, TI.Create(FastAutoreset.Ended), counted).Store(ref elapsedRef, (nuint)i);

        // Back to interleaved copies: the new state is also the observation.
        TF.StoreTransposed(nx, nxDot, ntheta, nthetaDot, ref state, ref MemoryMarshal.GetArrayDataReference(Observations), offset);

        var reward = _suttonBartoReward
            ? TF.ConditionalSelect(terminated, TF.Create(-1f), TF.Create(0f))
            : TF.Create(1f);
        reward.StoreWidened(ref MemoryMarshal.GetArrayDataReference(Rewards), (nuint)i);
        var terminatedBits = terminated.ExtractMostSignificantBits();
        var truncatedBits = truncated.ExtractMostSignificantBits();
        for (var j = 0; j < TF.Count; j += 8)
        {
            StoreFlags(Terminations, i + j, (terminatedBits >> j) & 0xFF);
            StoreFlags(Truncations, i + j, (truncatedBits >> j) & 0xFF);
        }

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
