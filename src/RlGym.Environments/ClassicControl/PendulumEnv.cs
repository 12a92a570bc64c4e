using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Rendering;
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
public sealed class PendulumEnv : DynamicsEnv<PendulumDynamics, PendulumState, float, float[], float>
{
    /// <summary>Rendered frame height and width in pixels.</summary>
    public const int ScreenSize = 500;

    // Gymnasium's render modes (minus "human", which needs a window) and frame rate.
    private static readonly EnvMetadata RenderMetadata = new([RenderModes.RgbArray], 30);
    private static readonly Color RodColor = new(204, 77, 77);

    /// <summary>Creates the environment.</summary>
    /// <param name="g">Gravity (m/s²).</param>
    /// <param name="renderMode"><c>rgb_array</c>, or null for no rendering.</param>
    /// <param name="promotion">NumPy 2 (default) or NumPy 1.x arithmetic, to reproduce results of either.</param>
    public PendulumEnv(double g = PendulumDynamics.DefaultGravity, string? renderMode = null, NumpyPromotion promotion = NumpyPromotion.NumPy2)
        : base(
            new PendulumDynamics(g, promotion),
            new Box<float>([-1.0, -1.0, -PendulumDynamics.MaxSpeed], [1.0, 1.0, PendulumDynamics.MaxSpeed]),
            new Box<float>(-PendulumDynamics.MaxTorque, PendulumDynamics.MaxTorque, [1]),
            RenderMetadata,
            renderMode)
    {
    }

    /// <summary>Gravity (m/s²).</summary>
    public double G => Dynamics.G;

    /// <summary>The NumPy arithmetic this instance reproduces.</summary>
    public NumpyPromotion Promotion => Dynamics.Promotion;

    /// <summary>The internal float64 state (Gymnasium's <c>env.unwrapped.state</c>): angle, angular velocity.</summary>
    public (double Theta, double ThetaDot) State => (CurrentState.Theta, CurrentState.ThetaDot);

    /// <summary>The clipped torque of the last step, or null right after a reset (drawn by the renderer).</summary>
    public float? LastTorque => CurrentState.LastTorque;

    /// <summary>
    /// The <c>rgb_array</c> frame (500 x 500 x 3) as Gymnasium draws it: the red rod from the black axle, round at both
    /// ends, and, after a step, a curved arrow around the axle sized by the torque and turning its way (Gymnasium
    /// blits an arrow image there). Null without a render mode or before the first reset.
    /// </summary>
    public override Rendering? Render()
    {
        if (RenderMode is null || !HasState)
        {
            return null;
        }

        const double bound = 2.2;
        const double scale = ScreenSize / (bound * 2);
        const int offset = ScreenSize / 2;
        const double rodLength = 1 * scale;
        const double rodWidth = 0.2 * scale;

        // Drawn with y pointing up, flipped at the end. The rod points along theta + pi/2: theta = 0 is upright.
        var canvas = new Canvas(ScreenSize, ScreenSize, Color.White);
        var angle = State.Theta + (Math.PI / 2);
        var (l, r, t, b) = (0.0, rodLength, rodWidth / 2, -rodWidth / 2);
        Span<(double X, double Y)> rod = stackalloc (double, double)[4];
        ReadOnlySpan<(double X, double Y)> corners = [(l, b), (l, t), (r, t), (r, b)];
        for (var i = 0; i < corners.Length; i++)
        {
            var (x, y) = GfxDraw.Rotate(corners[i].X, corners[i].Y, angle);
            rod[i] = (x + offset, y + offset);
        }

        GfxDraw.Polygon(canvas, rod, RodColor);
        GfxDraw.Circle(canvas, offset, offset, (int)(rodWidth / 2), RodColor);
        var (endX, endY) = GfxDraw.Rotate(rodLength, 0, angle);
        GfxDraw.Circle(canvas, (int)(endX + offset), (int)(endY + offset), (int)(rodWidth / 2), RodColor);

        if (LastTorque is { } u && u != 0 && !float.IsNaN(u))
        {
            DrawTorqueArrow(canvas, offset, scale * Math.Abs(u) / 4, counterClockwise: u > 0);
        }

        GfxDraw.Circle(canvas, offset, offset, (int)(0.05 * scale), Color.Black);
        canvas.FlipVertical();
        return canvas.ToFrame();
    }

    // Three quarters of a circle of `radius` around the axle with an arrowhead at its end, in y-up coordinates.
    private static void DrawTorqueArrow(Canvas canvas, double centre, double radius, bool counterClockwise)
    {
        const int segments = 24;
        const double start = -Math.PI / 4;
        const double sweep = 1.5 * Math.PI;
        var direction = counterClockwise ? 1.0 : -1.0;
        var thickness = Math.Max(2, radius / 6);
        (double X, double Y) At(double a) => (centre + (radius * Math.Cos(a)), centre + (radius * Math.Sin(a)));
        for (var i = 0; i < segments; i++)
        {
            var (x0, y0) = At(start + (direction * sweep * i / segments));
            var (x1, y1) = At(start + (direction * sweep * (i + 1) / segments));
            canvas.DrawLine(x0, y0, x1, y1, thickness, Color.Black);
            canvas.FillCircle(x1, y1, thickness / 2, Color.Black); // round joint, no gaps between segments
        }

        // Arrowhead: a triangle at the arc's end, pointing along the direction of travel.
        var end = start + (direction * sweep);
        var (tipBaseX, tipBaseY) = At(end);
        var (tangentX, tangentY) = (-Math.Sin(end) * direction, Math.Cos(end) * direction);
        var (normalX, normalY) = (Math.Cos(end), Math.Sin(end));
        var head = thickness * 2;
        canvas.FillPolygon(
            [
                (tipBaseX + (normalX * head), tipBaseY + (normalY * head)),
                (tipBaseX - (normalX * head), tipBaseY - (normalY * head)),
                (tipBaseX + (tangentX * head * 1.5), tipBaseY + (tangentY * head * 1.5)),
            ],
            Color.Black);
    }

    /// <summary>Checks the action's shape only: out-of-bounds torques pass, clipped as in Gymnasium.</summary>
    protected override void CheckAction(float[] action) => ScalarAction.Read(action, "Pendulum-v1");
}
