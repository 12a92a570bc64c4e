using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// Pendulum's fast variant: <see cref="PendulumFastDynamics"/> stepped sixteen copies at a time with AVX-512, else
/// eight with AVX (<see cref="SimdFastVectorEnv{TDynamics, TState, TObs, TAction}"/>), by a lane-wise transcription of
/// <see cref="PendulumFastDynamics.Step"/> and <see cref="PendulumFastDynamics.Observe"/> that equals them bit for bit.
/// </summary>
public sealed class PendulumFastVectorEnv : SimdFastVectorEnv<PendulumFastDynamics, Float2, Float3, float>
{
    // 3g / (2l), as the scalar step computes it (the same float operations).
    private readonly float _gravityGain;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">Must be next-step.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (Pendulum-v1: 200), null for none.</param>
    /// <param name="g">The kwarg <c>g</c> (gravity).</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public PendulumFastVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = 200,
        float g = (float)PendulumDynamics.DefaultGravity,
        EnvSpec? spec = null)
        : base(numEnvs, new PendulumFastDynamics(g), new PendulumEnv(g), autoresetMode, maxEpisodeSteps, spec)
    {
        _gravityGain = 3f * g / (2f * PendulumFastDynamics.Length);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected override void StepBlock512(int i, float[] actions) => StepBlock<FloatLanes512, IntLanes512>(i, actions);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected override void StepBlock256(int i, float[] actions) => StepBlock<FloatLanes256, IntLanes256>(i, actions);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StepBlock<TF, TI>(int i, float[] actions)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        ref var state = ref Unsafe.As<Float2, float>(ref MemoryMarshal.GetArrayDataReference(States));
        var offset = (nuint)(2 * i);
        TF.LoadPairs(ref state, offset, out var theta, out var thetaDot);
        var elapsed = TI.Load(ref MemoryMarshal.GetArrayDataReference(Elapsed), (nuint)i);
        var action = TF.Load(ref MemoryMarshal.GetArrayDataReference(actions), (nuint)i);

        // PendulumFastDynamics.Step, lane-wise.
        var u = TF.Min(TF.Max(action, TF.Create(-PendulumFastDynamics.MaxTorque)), TF.Create(PendulumFastDynamics.MaxTorque));
        var shifted = theta + TF.Create(PendulumFastDynamics.Pi);
        var normalized = shifted
            - (TF.Create(2f * PendulumFastDynamics.Pi) * TF.Floor(shifted / TF.Create(2f * PendulumFastDynamics.Pi)))
            - TF.Create(PendulumFastDynamics.Pi);
        var cost = (normalized * normalized) + (TF.Create(0.1f) * thetaDot * thetaDot) + (TF.Create(0.001f) * u * u);
        FastMath.SinCos<TF, TI>(theta, out var sin, out _);
        var gravityTerm = TF.Create(_gravityGain) * sin;
        var dt = TF.Create(PendulumFastDynamics.Dt);
        var nextThetaDot = thetaDot + ((gravityTerm + (TF.Create(PendulumFastDynamics.TorqueGain) * u)) * dt);
        nextThetaDot = TF.Min(TF.Max(nextThetaDot, TF.Create(-PendulumFastDynamics.MaxSpeed)), TF.Create(PendulumFastDynamics.MaxSpeed));
        var nextTheta = theta + (nextThetaDot * dt);

        var resets = RecordBlock<TF, TI>(i, elapsed, TF.Create(0f), -cost);
        TF.StorePairs(nextTheta, nextThetaDot, ref state, ref state, offset); // the state only: one destination
        FastMath.SinCos<TF, TI>(nextTheta, out var nextSin, out var nextCos);
        TF.StoreTriples(nextCos, nextSin, nextThetaDot, ref MemoryMarshal.GetArrayDataReference(Observations), (nuint)(3 * i));
        RedoAutoresets(i, resets, actions);
    }
}
