using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;

namespace RlGym.Environments.Fast;

/// <summary>How many float32 copies the SIMD fast loops step per instruction on this CPU.</summary>
public static class FastSimd
{
    /// <summary>Copies per instruction: 16 with AVX-512 (512-bit vectors accelerated), 8 with AVX, else 1.</summary>
    public static int PreferredLanes { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 16 : Avx.IsSupported ? 8 : 1;

    /// <summary>Whether this process steps several copies per instruction (AVX present).</summary>
    public static bool IsVectorized => PreferredLanes > 1;
}

/// <summary>
/// A fast variant whose loop steps sixteen copies at a time with AVX-512 (<see cref="Vector512{T}"/>, where
/// <see cref="Vector512.IsHardwareAccelerated"/>), else eight at a time with AVX (<see cref="Vector256{T}"/>); the rest
/// of a chunk (and CPUs without AVX) goes through the scalar reference loop. Each environment writes its block once, as
/// a lane-wise transcription of its <see cref="IFastDynamics{TState, TObs, TAction}.Step"/> generic over the width
/// (<see cref="IFloatLanes{TSelf, TInts}"/>: the JIT specialises it for <see cref="FloatLanes512"/> and
/// <see cref="FloatLanes256"/>), with <see cref="RecordBlock"/> and <see cref="RedoAutoresets"/>:
/// <see cref="FastAutoreset.StepCopy"/>'s bookkeeping, here once.
/// </summary>
/// <remarks>
/// The same float operations in the same order as the scalar step (.NET contracts nothing into fused multiply-adds), so
/// every copy equals the scalar loop bit for bit; the tests hold each width to that. Copies that autoreset this step
/// (a few percent under random actions) are redone through the scalar path, which draws from their generators.
/// </remarks>
/// <typeparam name="TDynamics">The per-element dynamics.</typeparam>
/// <typeparam name="TState">Per-copy state.</typeparam>
/// <typeparam name="TObs">Per-copy observation (float fields).</typeparam>
/// <typeparam name="TAction">Per-copy action.</typeparam>
public abstract class SimdFastVectorEnv<TDynamics, TState, TObs, TAction> : FastVectorEnv<TDynamics, TState, TObs, float, TAction>
    where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
    where TState : unmanaged
    where TObs : unmanaged
    where TAction : unmanaged
{
    // Byte j of entry m is bit j of m: eight bool flags from an eight-lane mask in one store.
    private static readonly ulong[] MaskToBools = BuildMaskTable();

    private int _lanes = FastSimd.PreferredLanes;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="dynamics">The per-element dynamics (carrying the env's kwargs).</param>
    /// <param name="prototype">A scalar environment of the same kind: its spaces and metadata are the copies'.</param>
    /// <param name="autoresetMode">Must be next-step.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy, null for none.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    private protected SimdFastVectorEnv(
        int numEnvs, TDynamics dynamics, IEnv prototype, AutoresetMode autoresetMode, int? maxEpisodeSteps, EnvSpec? spec)
        : base(numEnvs, dynamics, prototype, autoresetMode, maxEpisodeSteps, spec)
    {
    }

    /// <summary>
    /// Copies per SIMD block: <see cref="FastSimd.PreferredLanes"/> unless narrowed (tests hold each width to the scalar loop).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">A width this CPU does not accelerate.</exception>
    internal int Lanes
    {
        get => _lanes;
        init => _lanes = value is 1 || (value is 8 && Avx.IsSupported) || (value is 16 && FastSimd.PreferredLanes == 16)
            ? value
            : throw new PlatformNotSupportedException($"{value} lanes: this CPU steps at most {FastSimd.PreferredLanes} copies per instruction.");
    }

    /// <inheritdoc />
    protected sealed override void StepRange(int start, int end, TAction[] actions)
    {
        var i = start;
        if (_lanes == 16)
        {
            for (; i + 16 <= end; i += 16)
            {
                StepBlock512(i, actions);
            }
        }

        if (_lanes >= 8)
        {
            for (; i + 8 <= end; i += 8)
            {
                StepBlock256(i, actions);
            }
        }

        StepScalar(i, end, actions);
    }

    /// <summary>
    /// Copies <paramref name="i"/> to <paramref name="i"/> + 15, sixteen lanes: the environment's generic block for
    /// <see cref="FloatLanes512"/>. Its own non-inlined method per width: the JIT's inlining budget then covers all of
    /// the block's small wrapper members (inlined beside the other width, they became calls, ~25x slower).
    /// </summary>
    private protected abstract void StepBlock512(int i, TAction[] actions);

    /// <summary>Copies <paramref name="i"/> to <paramref name="i"/> + 7: the block for <see cref="FloatLanes256"/>.</summary>
    private protected abstract void StepBlock256(int i, TAction[] actions);

    /// <summary>
    /// <see cref="FastAutoreset.StepCopy"/>'s bookkeeping for a stepped block (<paramref name="elapsed"/>: its step
    /// counters, loaded with its state): the step counters and time limit, the rewards (widened to float64) and flags.
    /// Returns the lanes whose episode had ended on their last step: once the block has stored its state and
    /// observations, <see cref="RedoAutoresets"/> resets them instead (their step here is discarded). In this order
    /// (counters and flags before the state's transposed stores) CartPole's block ran ~20% faster than with all of this
    /// after them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected ulong RecordBlock<TF, TI>(int i, TI elapsed, TF terminated, TF reward)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        var ended = TI.Equal(elapsed, TI.Create(FastAutoreset.Ended));
        var counted = elapsed + TI.Create(1);
        var truncated = MaxEpisodeSteps > 0
            ? TI.GreaterThanOrEqual(counted, TI.Create(MaxEpisodeSteps))
            : TI.Zero;
        var done = terminated.AsInt32() | truncated;
        TI.ConditionalSelect(done, TI.Create(FastAutoreset.Ended), counted).Store(ref MemoryMarshal.GetArrayDataReference(Elapsed), (nuint)i);
        reward.StoreWidened(ref MemoryMarshal.GetArrayDataReference(Rewards), (nuint)i);
        var terminatedBits = terminated.ExtractMostSignificantBits();
        var truncatedBits = truncated.ExtractMostSignificantBits();
        for (var j = 0; j < TF.Count; j += 8)
        {
            StoreFlags(Terminations, i + j, (terminatedBits >> j) & 0xFF);
            StoreFlags(Truncations, i + j, (truncatedBits >> j) & 0xFF);
        }

        return ended.ExtractMostSignificantBits();
    }

    /// <summary>
    /// Copies <paramref name="i"/> + j for each bit j of <paramref name="resets"/>, whose episode ended on their last
    /// step, are reset instead, through the scalar reference (it draws from their generators).
    /// </summary>
    private protected void RedoAutoresets(int i, ulong resets, TAction[] actions)
    {
        while (resets != 0)
        {
            var j = i + System.Numerics.BitOperations.TrailingZeroCount(resets);
            resets &= resets - 1;
            Elapsed[j] = FastAutoreset.Ended;
            StepScalar(j, j + 1, actions);
        }
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

    // Eight flags from the low eight bits of a lane mask, in one store.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFlags(bool[] flags, int i, ulong mask) =>
        Unsafe.WriteUnaligned(
            ref Unsafe.As<bool, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(flags), i)),
            MaskToBools[mask]);
}
