using RlGym.Core;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// Pendulum-v1: swing a pendulum up and keep it upright with a limited torque. Step for step and seed for seed equal to
/// Gymnasium's <c>PendulumEnv</c> (under NumPy 2 by default).
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The classic inverted-pendulum swing-up: a rod hangs from a fixed pivot and a torque at the
/// pivot must bring its free end above the pivot and hold it there. The angle <c>theta</c> is 0 when upright and
/// positive counter-clockwise; the torque is positive counter-clockwise.</para>
/// <para><b>Action Space.</b> <c>Box(-2, 2, (1,), float32)</c>: the torque in N m. Values outside the box are accepted
/// and clipped, as in Gymnasium.</para>
/// <para><b>Observation Space.</b> <c>Box([-1, -1, -8], [1, 1, 8], (3,), float32)</c>:</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation (min, max)</description></listheader>
/// <item><term>0</term><description><c>cos(theta)</c>, the free end's x (-1, 1)</description></item>
/// <item><term>1</term><description><c>sin(theta)</c>, the free end's y (-1, 1)</description></item>
/// <item><term>2</term><description>Angular velocity (-8, 8)</description></item>
/// </list>
/// <para><b>Rewards.</b> <c>-(theta² + 0.1 * theta_dot² + 0.001 * torque²)</c> with theta normalised into [-pi, pi),
/// evaluated before the step: between about -16.27 and 0 (upright, still, no torque).</para>
/// <para><b>Starting State.</b> theta uniform in [-pi, pi], then theta_dot uniform in [-1, 1] (two draws). Reset
/// options <c>x_init</c> and <c>y_init</c> replace pi and 1 (the bounds stay symmetric).</para>
/// <para><b>Episode End.</b> Never terminates. Truncation: after 200 steps (the time limit <c>Make</c> adds).</para>
/// <para><b>Arguments.</b> <c>g</c> (default 10.0): gravity in m/s²; <c>render_mode</c>: <c>rgb_array</c> draws a
/// 500x500 frame (30 fps). The constructor's <c>promotion</c> chooses NumPy 2 (default) or NumPy 1.x arithmetic; the
/// two differ in the last bits from the first step.</para>
/// <para><b>Version History.</b> v1: simpler equations, same behaviour. v0: the original version.</para>
/// </remarks>
public sealed class PendulumEnv : Env<float[], float[]>
{
    // Gymnasium's render modes (minus "human", which needs a window) and frame rate.
    private static readonly EnvMetadata RenderMetadata = new([RenderModes.RgbArray], 30);

    private bool _hasState;

    /// <summary>Creates the environment.</summary>
    /// <param name="g">Gravity (m/s²).</param>
    /// <param name="renderMode"><c>rgb_array</c>, or null for no rendering.</param>
    /// <param name="promotion">NumPy 2 (default) or NumPy 1.x arithmetic, to reproduce results of either.</param>
    public PendulumEnv(double g = PendulumDynamics.DefaultGravity, string? renderMode = null, NumpyPromotion promotion = NumpyPromotion.NumPy2)
        : base(
            new Box<float>([-1.0, -1.0, -PendulumDynamics.MaxSpeed], [1.0, 1.0, PendulumDynamics.MaxSpeed]),
            new Box<float>(-PendulumDynamics.MaxTorque, PendulumDynamics.MaxTorque, [1]),
            RenderMetadata,
            renderMode)
    {
        G = g;
        Promotion = promotion;
    }

    /// <summary>Gravity (m/s²).</summary>
    public double G { get; }

    /// <summary>The NumPy arithmetic this instance reproduces.</summary>
    public NumpyPromotion Promotion { get; }

    /// <summary>The internal float64 state (Gymnasium's <c>env.unwrapped.state</c>): angle, angular velocity.</summary>
    public (double Theta, double ThetaDot) State { get; private set; }

    /// <summary>The clipped torque of the last step, or null right after a reset (drawn by the renderer).</summary>
    public float? LastTorque { get; private set; }

    /// <inheritdoc />
    protected override ResetResult<float[]> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        double x = Math.PI, y = 1.0;
        if (options is not null)
        {
            x = ResetBounds.Option(options, "x_init", x);
            y = ResetBounds.Option(options, "y_init", y);
        }

        // uniform(low=-high, high=high) with high = [x, y]: element 0, then element 1.
        var theta = NpRandom.Uniform(-x, x);
        var thetaDot = NpRandom.Uniform(-y, y);
        State = (theta, thetaDot);
        LastTorque = null;
        _hasState = true;
        return new(Observation(), EnvInfo.Empty);
    }

    /// <inheritdoc />
    public override StepResult<float[]> Step(float[] action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Length != 1)
        {
            throw new InvalidActionException(
                $"Pendulum-v1 takes an action of shape (1,), got {action.Length} values {Formatting.Describe(action)}.");
        }

        if (!_hasState)
        {
            throw new ResetNeededException("Call Reset before Step on Pendulum-v1.");
        }

        var (theta, thetaDot) = State;
        var cost = PendulumDynamics.Step(ref theta, ref thetaDot, action[0], G, Promotion);
        State = (theta, thetaDot);
        LastTorque = PendulumDynamics.ClipTorque(action[0]);
        return new(Observation(), -cost, false, false, EnvInfo.Empty);
    }

    private float[] Observation() => [(float)Math.Cos(State.Theta), (float)Math.Sin(State.Theta), (float)State.ThetaDot];
}
