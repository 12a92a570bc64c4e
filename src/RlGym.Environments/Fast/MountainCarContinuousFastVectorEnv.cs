using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// MountainCarContinuous's fast variant: <see cref="MountainCarContinuousFastDynamics"/> stepped sixteen copies at a
/// time with AVX-512, else eight with AVX (<see cref="SimdFastVectorEnv{TDynamics, TState, TObs, TAction}"/>), by a
/// lane-wise transcription of <see cref="MountainCarContinuousFastDynamics.Step"/> that equals it bit for bit.
/// </summary>
public sealed class MountainCarContinuousFastVectorEnv : SimdFastVectorEnv<MountainCarContinuousFastDynamics, Float2, Float2, float>
{
    private readonly float _goalVelocity;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">Must be next-step.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (MountainCarContinuous-v0: 999), null for none.</param>
    /// <param name="goalVelocity">The kwarg <c>goal_velocity</c>.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public MountainCarContinuousFastVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = 999,
        float goalVelocity = 0f,
        EnvSpec? spec = null)
        : base(numEnvs, new MountainCarContinuousFastDynamics(goalVelocity), new MountainCarContinuousEnv(goalVelocity), autoresetMode, maxEpisodeSteps, spec)
    {
        _goalVelocity = goalVelocity;
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
        TF.LoadPairs(ref state, offset, out var position, out var velocity);
        var elapsed = TI.Load(ref MemoryMarshal.GetArrayDataReference(Elapsed), (nuint)i);
        var action = TF.Load(ref MemoryMarshal.GetArrayDataReference(actions), (nuint)i);

        // MountainCarContinuousFastDynamics.Step, lane-wise.
        var force = TF.Min(TF.Max(action, TF.Create(-1f)), TF.Create(1f));
        FastMath.SinCos<TF, TI>(TF.Create(3f) * position, out _, out var cos);
        velocity += (force * TF.Create(MountainCarContinuousFastDynamics.Power))
            - (TF.Create(MountainCarContinuousFastDynamics.Gravity) * cos);
        MountainCarLanes.Move<TF, TI>(
            ref position, ref velocity, MountainCarContinuousFastDynamics.MaxSpeed, MountainCarContinuousFastDynamics.MinPosition, MountainCarContinuousFastDynamics.MaxPosition);
        var terminated = TF.GreaterThanOrEqual(position, TF.Create(MountainCarContinuousFastDynamics.GoalPosition))
            & TF.GreaterThanOrEqual(velocity, TF.Create(_goalVelocity));
        var reward = TF.ConditionalSelect(terminated, TF.Create(MountainCarContinuousFastDynamics.GoalReward), TF.Create(0f))
            - (action * action * TF.Create(0.1f));

        var resets = RecordBlock<TF, TI>(i, elapsed, terminated, reward);
        TF.StorePairs(position, velocity, ref state, ref MemoryMarshal.GetArrayDataReference(Observations), offset);
        RedoAutoresets(i, resets, actions);
    }
}
