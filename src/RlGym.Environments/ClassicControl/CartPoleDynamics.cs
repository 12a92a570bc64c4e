using System.Runtime.CompilerServices;
using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// CartPole's rules, once: reset distribution, physics, reward and termination, and the observation. The scalar
/// environment (<see cref="CartPoleEnv"/>) and the batched variant (<c>CartPoleSoaVectorEnv</c>, whose AVX blocks run
/// the same generic <c>Integrate</c> on four copies at once) call them, and
/// Gymnasium's vector semantics (<c>CartPoleGymnasiumVectorEnv</c>) call the same per-element
/// <see cref="Step(ref double, ref double, ref double, ref double, int)"/>, which is pure, allocation-free and uses only
/// doubles and <see cref="Math"/>.
/// </summary>
/// <param name="suttonBartoReward">The kwarg <c>sutton_barto_reward</c>: 0 per step and -1 on termination instead of +1 per step.</param>
/// <remarks>
/// Bit-exact with Gymnasium 1.3.0's <c>CartPoleEnv.step</c>: float64 throughout, the operations in Gymnasium's order,
/// the constants computed as Gymnasium computes them (0.1 + 1.0, 0.1 * 0.5, 12 * 2 * pi / 360), explicit Euler
/// with every variable updated from the old values, and the C library's sin/cos (<see cref="Math.SinCos"/> calls glibc's sincos on
/// Linux, which gives the bits of its sin and cos).
/// </remarks>
public readonly struct CartPoleDynamics(bool suttonBartoReward) : IDynamics<CartPoleEpisode, float, int>
{
    /// <summary>Gravity (m/s²).</summary>
    public const double Gravity = 9.8;

    /// <summary>Cart mass (kg).</summary>
    public const double MassCart = 1.0;

    /// <summary>Pole mass (kg).</summary>
    public const double MassPole = 0.1;

    /// <summary>Cart plus pole mass: <c>masspole + masscart</c> in float64.</summary>
    public const double TotalMass = MassPole + MassCart;

    /// <summary>Half the pole's length (m).</summary>
    public const double Length = 0.5;

    /// <summary><c>masspole * length</c> in float64.</summary>
    public const double PoleMassLength = MassPole * Length;

    /// <summary>Magnitude of the force an action applies (N).</summary>
    public const double ForceMag = 10.0;

    /// <summary>Seconds per step.</summary>
    public const double Tau = 0.02;

    /// <summary>The episode terminates when |theta| exceeds this: 12 degrees, as <c>12 * 2 * math.pi / 360</c>.</summary>
    public const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;

    /// <summary>The episode terminates when |x| exceeds this (m).</summary>
    public const double XThreshold = 2.4;

    /// <summary>True when rewards follow Sutton and Barto (0 per step, -1 on termination).</summary>
    public bool SuttonBartoReward { get; } = suttonBartoReward;

    /// <summary>
    /// Every state variable uniform in (-0.05, 0.05), or in (<c>low</c>, <c>high</c>) from the reset options:
    /// <c>np_random.uniform(low, high, size=4)</c>, four draws in the order x, x_dot, theta, theta_dot.
    /// </summary>
    public CartPoleEpisode Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (low, high) = ResetBounds.Parse(options, -0.05, 0.05);
        Span<double> state = stackalloc double[4];
        random.Uniform(low, high, state);
        return new(new(state[0], state[1], state[2], state[3]), null);
    }

    /// <summary>
    /// One step (action 1 pushes right, 0 left). Reward +1 per step, the terminating one included (Sutton-Barto: 0,
    /// and -1 on termination); stepping on after termination, undefined in Gymnasium, gives 0 (Sutton-Barto: -1) and
    /// counts <see cref="CartPoleEpisode.StepsBeyondTerminated"/>, as Gymnasium's <c>steps_beyond_terminated</c>.
    /// </summary>
    public double Step(ref CartPoleEpisode state, ReadOnlySpan<int> action, NumpyGenerator random, out bool terminated)
    {
        var (x, xDot, theta, thetaDot) = state.Physics;
        Step(ref x, ref xDot, ref theta, ref thetaDot, action[0]);
        terminated = IsTerminal(x, theta);

        var stepsBeyondTerminated = state.StepsBeyondTerminated;
        var reward = Reward(terminated, ref stepsBeyondTerminated);
        state = new(new(x, xDot, theta, thetaDot), stepsBeyondTerminated);
        return reward;
    }

    /// <summary>
    /// The reward of a step that did (or did not) end in a terminal state, counting
    /// <paramref name="stepsBeyondTerminated"/> on from the terminating step (see <see cref="Step(ref CartPoleEpisode, ReadOnlySpan{int}, NumpyGenerator, out bool)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reward(bool terminated, ref int? stepsBeyondTerminated)
    {
        if (!terminated)
        {
            return SuttonBartoReward ? 0.0 : 1.0;
        }

        if (stepsBeyondTerminated is null)
        {
            // The pole just fell.
            stepsBeyondTerminated = 0;
            return SuttonBartoReward ? -1.0 : 1.0;
        }

        stepsBeyondTerminated++;
        return SuttonBartoReward ? -1.0 : 0.0;
    }

    /// <summary>The force of an action: 1 pushes right, 0 left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Force(int action) => action == 1 ? ForceMag : -ForceMag;

    /// <summary>
    /// Gymnasium's Euler step of the equations of motion, given the force and the pole angle's sine and cosine; written
    /// once for one copy (<see cref="DoubleLane"/>) and for a SIMD block of copies (<see cref="DoubleLanes256"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Integrate<T>(ref T x, ref T xDot, ref T theta, ref T thetaDot, T force, T sintheta, T costheta)
        where T : struct, IDoubleLanes<T>
    {
        var temp = (force + (T.Create(PoleMassLength) * (thetaDot * thetaDot) * sintheta)) / T.Create(TotalMass);
        var thetaacc = ((T.Create(Gravity) * sintheta) - (costheta * temp))
            / (T.Create(Length) * (T.Create(4.0 / 3.0) - (T.Create(MassPole) * (costheta * costheta) / T.Create(TotalMass))));
        var xacc = temp - (T.Create(PoleMassLength) * thetaacc * costheta / T.Create(TotalMass));

        var tau = T.Create(Tau);
        var newX = x + (tau * xDot);
        var newXDot = xDot + (tau * xacc);
        var newTheta = theta + (tau * thetaDot);
        var newThetaDot = thetaDot + (tau * thetaacc);
        x = newX;
        xDot = newXDot;
        theta = newTheta;
        thetaDot = newThetaDot;
    }

    /// <summary>The state cast to float32: x, x_dot, theta, theta_dot.</summary>
    public void Observe(in CartPoleEpisode state, Span<float> observation)
    {
        var physics = state.Physics;
        observation[0] = (float)physics.X;
        observation[1] = (float)physics.XDot;
        observation[2] = (float)physics.Theta;
        observation[3] = (float)physics.ThetaDot;
    }

    /// <summary>Advances one step of <see cref="Tau"/> seconds in place: action 1 pushes right, anything else left.</summary>
    public static void Step(ref double x, ref double xDot, ref double theta, ref double thetaDot, int action)
    {
        // One sincos call: glibc's sincos returns the bits of its sin and cos (checked on 20M arguments, and by the
        // fixtures), at a quarter of the cost of the two calls through .NET.
        var (sintheta, costheta) = Math.SinCos(theta);
        var (newX, newXDot, newTheta, newThetaDot) = (new DoubleLane(x), new DoubleLane(xDot), new DoubleLane(theta), new DoubleLane(thetaDot));
        Integrate(ref newX, ref newXDot, ref newTheta, ref newThetaDot, new(Force(action)), new(sintheta), new(costheta));
        x = newX.Value;
        xDot = newXDot.Value;
        theta = newTheta.Value;
        thetaDot = newThetaDot.Value;
    }

    /// <summary>The state one step after <paramref name="state"/> under <paramref name="action"/>.</summary>
    public static CartPoleState Step(in CartPoleState state, int action)
    {
        var (x, xDot, theta, thetaDot) = state;
        Step(ref x, ref xDot, ref theta, ref thetaDot, action);
        return new(x, xDot, theta, thetaDot);
    }

    /// <summary>True when the cart left [-2.4, 2.4] or the pole tilted past 12 degrees (tested on the float64 state).</summary>
    public static bool IsTerminal(double x, double theta) =>
        x < -XThreshold || x > XThreshold || theta < -ThetaThresholdRadians || theta > ThetaThresholdRadians;

    /// <summary>True when <paramref name="state"/> ends the episode (see <see cref="IsTerminal(double, double)"/>).</summary>
    public static bool IsTerminal(in CartPoleState state) => IsTerminal(state.X, state.Theta);
}
