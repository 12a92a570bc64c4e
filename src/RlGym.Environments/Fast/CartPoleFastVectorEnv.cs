using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>
/// CartPole's fast variant: <see cref="CartPoleFastDynamics"/> stepped sixteen copies at a time with AVX-512, else
/// eight with AVX (<see cref="SimdFastVectorEnv{TDynamics, TState, TObs, TAction}"/>), by a lane-wise transcription of
/// <see cref="CartPoleFastDynamics.Step"/> that equals it bit for bit.
/// </summary>
public sealed class CartPoleFastVectorEnv : SimdFastVectorEnv<CartPoleFastDynamics, Float4, Float4, int>
{
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

        // Interleaved (x, x_dot, theta, theta_dot) copies -> one vector per field, lanes in copy order.
        TF.LoadTransposed(ref state, offset, out var x, out var xDot, out var theta, out var thetaDot);
        var elapsed = TI.Load(ref MemoryMarshal.GetArrayDataReference(Elapsed), (nuint)i);
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

        var reward = _suttonBartoReward
            ? TF.ConditionalSelect(terminated, TF.Create(-1f), TF.Create(0f))
            : TF.Create(1f);
        var resets = RecordBlock<TF, TI>(i, elapsed, terminated, reward);

        // Back to interleaved copies: the new state is also the observation.
        TF.StoreTransposed(nx, nxDot, ntheta, nthetaDot, ref state, ref MemoryMarshal.GetArrayDataReference(Observations), offset);
        RedoAutoresets(i, resets, actions);
    }
}
