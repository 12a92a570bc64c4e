using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using static RlGym.Environments.Fast.AcrobotFastDynamics;

namespace RlGym.Environments.Fast;

/// <summary>
/// Acrobot's fast variant: <see cref="AcrobotFastDynamics"/> stepped sixteen copies at a time with AVX-512, else eight
/// with AVX (<see cref="SimdFastVectorEnv{TDynamics, TState, TObs, TAction}"/>), by a lane-wise transcription of
/// <see cref="AcrobotFastDynamics.Step"/> (its four-stage Runge-Kutta step) and <see cref="AcrobotFastDynamics.Observe"/>
/// that equals them bit for bit.
/// </summary>
public sealed class AcrobotFastVectorEnv : SimdFastVectorEnv<AcrobotFastDynamics, Float4, AcrobotObservation, int>
{
    private const int ObservationFields = 6;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">Must be next-step.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (Acrobot-v1: 500), null for none.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public AcrobotFastVectorEnv(int numEnvs, AutoresetMode autoresetMode = AutoresetMode.NextStep, int? maxEpisodeSteps = 500, EnvSpec? spec = null)
        : base(numEnvs, default, new AcrobotEnv(), autoresetMode, maxEpisodeSteps, spec)
    {
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected override void StepBlock512(int i, int[] actions) => StepBlock<FloatLanes512, IntLanes512>(i, actions);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected override void StepBlock256(int i, int[] actions) => StepBlock<FloatLanes256, IntLanes256>(i, actions);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StepBlock<TF, TI>(int i, int[] actions)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        ref var state = ref Unsafe.As<Float4, float>(ref MemoryMarshal.GetArrayDataReference(States));
        var offset = (nuint)(4 * i);
        TF.LoadTransposed(ref state, offset, out var theta1, out var theta2, out var dtheta1, out var dtheta2);
        var elapsed = TI.Load(ref MemoryMarshal.GetArrayDataReference(Elapsed), (nuint)i);
        var torque = (TI.Load(ref MemoryMarshal.GetArrayDataReference(actions), (nuint)i) + TI.Create(-1)).ConvertToSingle();

        // AcrobotFastDynamics.Step, lane-wise: k_n = (dtheta1, dtheta2, ddtheta1, ddtheta2) of the stage's state.
        var half = TF.Create(Dt / 2f);
        var dt = TF.Create(Dt);
        Accelerations<TF, TI>(theta1, theta2, dtheta1, dtheta2, torque, out var a1, out var b1);
        var (x2, y2, z2, w2) = (theta1 + (half * dtheta1), theta2 + (half * dtheta2), dtheta1 + (half * a1), dtheta2 + (half * b1));
        Accelerations<TF, TI>(x2, y2, z2, w2, torque, out var a2, out var b2);
        var (x3, y3, z3, w3) = (theta1 + (half * z2), theta2 + (half * w2), dtheta1 + (half * a2), dtheta2 + (half * b2));
        Accelerations<TF, TI>(x3, y3, z3, w3, torque, out var a3, out var b3);
        var (x4, y4, z4, w4) = (theta1 + (dt * z3), theta2 + (dt * w3), dtheta1 + (dt * a3), dtheta2 + (dt * b3));
        Accelerations<TF, TI>(x4, y4, z4, w4, torque, out var a4, out var b4);
        var sixth = TF.Create(Dt / 6f);
        var two = TF.Create(2f);
        var nextTheta1 = Wrap<TF, TI>(theta1 + (sixth * (dtheta1 + (two * z2) + (two * z3) + z4)));
        var nextTheta2 = Wrap<TF, TI>(theta2 + (sixth * (dtheta2 + (two * w2) + (two * w3) + w4)));
        var nextDtheta1 = TF.Min(TF.Max(dtheta1 + (sixth * (a1 + (two * a2) + (two * a3) + a4)), TF.Create(-MaxVelocity1)), TF.Create(MaxVelocity1));
        var nextDtheta2 = TF.Min(TF.Max(dtheta2 + (sixth * (b1 + (two * b2) + (two * b3) + b4)), TF.Create(-MaxVelocity2)), TF.Create(MaxVelocity2));
        FastMath.SinCos<TF, TI>(nextTheta1, out var sin1, out var cos1);
        FastMath.SinCos<TF, TI>(nextTheta2, out var sin2, out var cos2);
        FastMath.SinCos<TF, TI>(nextTheta2 + nextTheta1, out _, out var cos12);
        var terminated = TF.GreaterThan(-cos1 - cos12, TF.Create(1f));
        var reward = TF.ConditionalSelect(terminated, TF.Create(0f), TF.Create(-1f));

        var resets = RecordBlock<TF, TI>(i, elapsed, terminated, reward);
        TF.StoreTransposed(nextTheta1, nextTheta2, nextDtheta1, nextDtheta2, ref state, ref state, offset); // the state only
        StoreObservations<TF, TI>(i, cos1, sin1, cos2, sin2, nextDtheta1, nextDtheta2);
        RedoAutoresets(i, resets, actions);
    }

    // AcrobotFastDynamics.Derivatives' angular accelerations (Gymnasium's _dsdt, "book" dynamics), lane-wise. Its own
    // method: four copies inlined would take the block past the JIT's inlining budget; and its three sines and cosines
    // are calls, as inlined they took it past its own (its vector operations became calls, ~10x slower).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Accelerations<TF, TI>(TF theta1, TF theta2, TF dtheta1, TF dtheta2, TF torque, out TF ddtheta1, out TF ddtheta2)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        SinCos<TF, TI>(theta2, out var sin2, out var cos2);
        var d1 = TF.Create(M1 * (Lc1 * Lc1)) + (TF.Create(M2) * (TF.Create((L1 * L1) + (Lc2 * Lc2)) + (TF.Create(2f * L1 * Lc2) * cos2))) + TF.Create(I1) + TF.Create(I2);
        var d2 = (TF.Create(M2) * (TF.Create(Lc2 * Lc2) + (TF.Create(L1 * Lc2) * cos2))) + TF.Create(I2);
        SinCos<TF, TI>(theta1 + theta2 - TF.Create(Pi / 2f), out _, out var cosPhi2);
        var phi2 = TF.Create(M2 * Lc2 * G) * cosPhi2;
        SinCos<TF, TI>(theta1 - TF.Create(Pi / 2f), out _, out var cosPhi1);
        var phi1 = (TF.Create(-M2 * L1 * Lc2) * dtheta2 * dtheta2 * sin2)
            - (TF.Create(2f * M2 * L1 * Lc2) * dtheta2 * dtheta1 * sin2)
            + (TF.Create(((M1 * Lc1) + (M2 * L1)) * G) * cosPhi1)
            + phi2;
        ddtheta2 = (torque + (d2 / d1 * phi1) - (TF.Create(M2 * L1 * Lc2) * dtheta1 * dtheta1 * sin2) - phi2)
            / (TF.Create((M2 * (Lc2 * Lc2)) + I2) - (d2 * d2 / d1));
        ddtheta1 = -((d2 * ddtheta2) + phi1) / d1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SinCos<TF, TI>(TF x, out TF sin, out TF cos)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF> => FastMath.SinCos<TF, TI>(x, out sin, out cos);

    // AcrobotFastDynamics.Wrap, lane-wise: each lane subtracts (then adds) whole turns exactly as often as its loops do.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Wrap<TF, TI>(TF x)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        var turn = TF.Create(2f * Pi);
        for (var above = TF.GreaterThan(x, TF.Create(Pi)); above.ExtractMostSignificantBits() != 0; above = TF.GreaterThan(x, TF.Create(Pi)))
        {
            x = TF.ConditionalSelect(above, x - turn, x);
        }

        for (var below = TF.LessThan(x, TF.Create(-Pi)); below.ExtractMostSignificantBits() != 0; below = TF.LessThan(x, TF.Create(-Pi)))
        {
            x = TF.ConditionalSelect(below, x + turn, x);
        }

        return x;
    }

    // The six-float observation records of the block's copies (cos θ1, sin θ1, cos θ2, sin θ2, dθ1, dθ2), field by field
    // through a small buffer: no six-way transposed store exists, and the Runge-Kutta step dwarfs this.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StoreObservations<TF, TI>(int i, TF cos1, TF sin1, TF cos2, TF sin2, TF dtheta1, TF dtheta2)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        var fields = new ObservationFieldBuffer();
        ref var buffer = ref Unsafe.As<ObservationFieldBuffer, float>(ref fields);
        var lanes = (nuint)TF.Count;
        cos1.Store(ref buffer, 0);
        sin1.Store(ref buffer, lanes);
        cos2.Store(ref buffer, 2 * lanes);
        sin2.Store(ref buffer, 3 * lanes);
        dtheta1.Store(ref buffer, 4 * lanes);
        dtheta2.Store(ref buffer, 5 * lanes);
        ref var records = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Observations), ObservationFields * i);
        for (var j = 0; j < TF.Count; j++)
        {
            for (var f = 0; f < ObservationFields; f++)
            {
                Unsafe.Add(ref records, (ObservationFields * j) + f) = Unsafe.Add(ref buffer, (f * TF.Count) + j);
            }
        }
    }

    [InlineArray(ObservationFields * 16)]
    private struct ObservationFieldBuffer
    {
        private float _first;
    }
}
