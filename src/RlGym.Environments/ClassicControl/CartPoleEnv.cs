using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// CartPole-v1, exactly as Gymnasium 1.3.0's <c>gymnasium.envs.classic_control.cartpole.CartPoleEnv</c>.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The cart-pole problem of Barto, Sutton and Anderson ("Neuronlike Adaptive Elements That
/// Can Solve Difficult Learning Control Problems", 1983): a pole is attached by an un-actuated joint to a cart that
/// moves along a frictionless track. The pole starts upright; the goal is to keep it balanced by pushing the cart
/// left or right.</para>
/// <para><b>Action Space.</b> <c>Discrete(2)</c>: 0 pushes the cart to the left, 1 to the right, with a fixed force
/// of 10 N. How much the velocity changes depends on the pole's angle.</para>
/// <para><b>Observation Space.</b> <c>Box(float32, (4,))</c>, the state cast to float32:</para>
/// <list type="table">
/// <listheader><term>Num</term><description>Observation: Min .. Max</description></listheader>
/// <item><term>0</term><description>Cart Position: -4.8 .. 4.8</description></item>
/// <item><term>1</term><description>Cart Velocity: -Inf .. Inf</description></item>
/// <item><term>2</term><description>Pole Angle: ~ -0.418 rad (-24°) .. ~ 0.418 rad (24°)</description></item>
/// <item><term>3</term><description>Pole Angular Velocity: -Inf .. Inf</description></item>
/// </list>
/// <para>The bounds are wider than the episode allows: it terminates once the cart leaves (-2.4, 2.4) or the pole
/// angle leaves (-0.2095, 0.2095) rad (±12°).</para>
/// <para><b>Rewards.</b> +1 for every step, the terminating step included (threshold 475 for v1, 195 for v0). With
/// <c>sutton_barto_reward=True</c>: 0 for every non-terminating step and -1 for the terminating one. Stepping again
/// after termination is undefined behaviour in Gymnasium; it gives 0 (or -1 with <c>sutton_barto_reward</c>).</para>
/// <para><b>Starting State.</b> Every state variable uniform in (-0.05, 0.05): <c>np_random.uniform(-0.05, 0.05,
/// size=4)</c>, four draws in the order x, x_dot, theta, theta_dot. Reset options <c>low</c> / <c>high</c> change
/// those bounds.</para>
/// <para><b>Episode End.</b> Termination: the pole angle is beyond ±12°. Termination: the cart position is beyond
/// ±2.4 (the cart's centre reaches the edge of the display). Truncation: the episode reaches 500 steps (200 for v0),
/// applied by the registry's time limit.</para>
/// <para><b>Arguments.</b> <c>sutton_barto_reward</c> (bool, default false): the original Sutton-Barto reward
/// described above. <c>render_mode</c>: null or <c>rgb_array</c> (400 x 600 x 3, 50 fps).</para>
/// <para><b>Version History.</b> v1: <c>max_time_steps</c> raised to 500; Gymnasium 1.0.0a2 added
/// <c>sutton_barto_reward</c>. v0: initial version.</para>
/// </remarks>
public sealed class CartPoleEnv : DynamicsEnv<CartPoleDynamics, CartPoleEpisode, float, int, int>
{
    /// <summary>Rendered frame height in pixels.</summary>
    public const int ScreenHeight = 400;

    /// <summary>Rendered frame width in pixels.</summary>
    public const int ScreenWidth = 600;

    /// <summary>Gymnasium's render modes for CartPole that make sense off-screen, and its 50 fps.</summary>
    public static EnvMetadata DefaultMetadata { get; } = new([RenderModes.RgbArray], 50);

    private static readonly Color CartColor = Color.Black;
    private static readonly Color PoleColor = new(202, 152, 101);
    private static readonly Color AxleColor = new(129, 132, 203);

    /// <summary>Creates the environment; call <c>Reset</c> before the first step.</summary>
    /// <param name="suttonBartoReward">Use the original reward: 0 per step, -1 on termination.</param>
    /// <param name="renderMode">null or <see cref="RenderModes.RgbArray"/>.</param>
    public CartPoleEnv(bool suttonBartoReward = false, string? renderMode = null)
        : base(new CartPoleDynamics(suttonBartoReward), CreateObservationSpace(), new Discrete(2), DefaultMetadata, renderMode)
    {
    }

    /// <summary>True when rewards follow Sutton and Barto (0 per step, -1 on termination).</summary>
    public bool SuttonBartoReward => Dynamics.SuttonBartoReward;

    /// <summary>
    /// The float64 state (Gymnasium's <c>state</c>), null before the first reset. Setting it places the cart and
    /// pole as assigning <c>env.unwrapped.state</c> does in Gymnasium (for rendering chosen states, tests).
    /// </summary>
    public CartPoleState? State
    {
        get => HasState ? CurrentState.Physics : null;
        set => CurrentState = CurrentState with { Physics = value ?? throw new ArgumentNullException(nameof(value), "CartPole's state cannot be unset; reset instead.") };
    }

    /// <summary>Steps taken after the terminating one (Gymnasium's <c>steps_beyond_terminated</c>); null until termination.</summary>
    public int? StepsBeyondTerminated => CurrentState.StepsBeyondTerminated;

    /// <summary>
    /// The <c>rgb_array</c> frame (400 x 600 x 3), drawn as Gymnasium's pygame render: white background, black
    /// cart, tan pole, blue-grey axle and the black track line; null without a render mode or before a reset.
    /// </summary>
    public override Rendering? Render()
    {
        if (RenderMode is null || State is not (var x, _, var theta, _))
        {
            return null;
        }

        const double worldWidth = CartPoleDynamics.XThreshold * 2;
        const double scale = ScreenWidth / worldWidth;
        const double poleWidth = 10.0;
        const double poleLength = scale * (2 * CartPoleDynamics.Length);
        const double cartWidth = 50.0;
        const double cartHeight = 30.0;
        const double axleOffset = cartHeight / 4.0;
        const double cartY = 100; // y grows upwards until the final flip, as in pygame

        var canvas = new Canvas(ScreenHeight, ScreenWidth, Color.White);
        var cartX = (x * scale) + (ScreenWidth / 2.0);

        var (l, r, t, b) = (-cartWidth / 2, cartWidth / 2, cartHeight / 2, -cartHeight / 2);
        GfxDraw.Polygon(canvas, [(l + cartX, b + cartY), (l + cartX, t + cartY), (r + cartX, t + cartY), (r + cartX, b + cartY)], CartColor);

        (l, r, t, b) = (-poleWidth / 2, poleWidth / 2, poleLength - (poleWidth / 2), -poleWidth / 2);
        (double X, double Y) Pole(double px, double py)
        {
            var (x, y) = GfxDraw.Rotate(px, py, -theta);
            return (x + cartX, y + cartY + axleOffset);
        }

        GfxDraw.Polygon(canvas, [Pole(l, b), Pole(l, t), Pole(r, t), Pole(r, b)], PoleColor);

        GfxDraw.Circle(canvas, (int)cartX, (int)(cartY + axleOffset), (int)(poleWidth / 2), AxleColor);

        canvas.DrawLine(0, cartY, ScreenWidth, cartY, 1, Color.Black);
        canvas.FlipVertical();
        return canvas.ToFrame();
    }

    private static Box<float> CreateObservationSpace()
    {
        // float32([4.8, inf, 2 * theta_threshold, inf]); Box casts the bounds to float32 as Gymnasium does.
        double[] high = [CartPoleDynamics.XThreshold * 2, double.PositiveInfinity, CartPoleDynamics.ThetaThresholdRadians * 2, double.PositiveInfinity];
        return new Box<float>(high.Select(h => -h).ToArray(), high);
    }
}
