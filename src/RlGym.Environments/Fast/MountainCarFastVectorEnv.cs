using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// MountainCar's fast variant: <see cref="MountainCarFastDynamics"/> stepped sixteen copies at a time with AVX-512,
/// else eight with AVX (<see cref="SimdFastVectorEnv{TDynamics, TState, TObs, TAction}"/>), by a lane-wise
/// transcription of <see cref="MountainCarFastDynamics.Step"/> that equals it bit for bit.
/// </summary>
public sealed class MountainCarFastVectorEnv : SimdFastVectorEnv<MountainCarFastDynamics, Float2, Float2, int>
{
    private readonly float _goalVelocity;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">Must be next-step.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (MountainCar-v0: 200), null for none.</param>
    /// <param name="goalVelocity">The kwarg <c>goal_velocity</c>.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public MountainCarFastVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = 200,
        float goalVelocity = 0f,
        EnvSpec? spec = null)
        : base(numEnvs, new MountainCarFastDynamics(goalVelocity), new MountainCarEnv(goalVelocity), autoresetMode, maxEpisodeSteps, spec)
    {
        _goalVelocity = goalVelocity;
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
        ref var state = ref Unsafe.As<Float2, float>(ref MemoryMarshal.GetArrayDataReference(States));
        var offset = (nuint)(2 * i);
        TF.LoadPairs(ref state, offset, out var position, out var velocity);
        var elapsed = TI.Load(ref MemoryMarshal.GetArrayDataReference(Elapsed), (nuint)i);
        var action = TI.Load(ref MemoryMarshal.GetArrayDataReference(actions), (nuint)i);

        // MountainCarFastDynamics.Step, lane-wise.
        FastMath.SinCos<TF, TI>(TF.Create(3f) * position, out _, out var cos);
        velocity += ((action + TI.Create(-1)).ConvertToSingle() * TF.Create(MountainCarFastDynamics.Force))
            + (cos * TF.Create(-MountainCarFastDynamics.Gravity));
        MountainCarLanes.Move<TF, TI>(ref position, ref velocity, MountainCarFastDynamics.MaxSpeed, MountainCarFastDynamics.MinPosition, MountainCarFastDynamics.MaxPosition);
        var terminated = TF.GreaterThanOrEqual(position, TF.Create(MountainCarFastDynamics.GoalPosition))
            & TF.GreaterThanOrEqual(velocity, TF.Create(_goalVelocity));

        var resets = RecordBlock<TF, TI>(i, elapsed, terminated, TF.Create(-1f));
        TF.StorePairs(position, velocity, ref state, ref MemoryMarshal.GetArrayDataReference(Observations), offset);
        RedoAutoresets(i, resets, actions);
    }
}
