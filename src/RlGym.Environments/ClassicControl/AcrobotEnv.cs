using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// Acrobot-v1: swing a two-link chain, actuated only at the middle joint, until its free end rises above a line.
/// Step for step and seed for seed equal to Gymnasium's <c>AcrobotEnv</c>.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> Two links hang from a fixed pivot, joined by an actuated joint (Sutton 1996; Sutton and
/// Barto's book, whose equations are used). Torque at the middle joint must pump energy into the chain until the tip
/// of the outer link is one link length above the pivot.</para>
/// <para><b>Action Space.</b> <c>Discrete(3)</c>: torque -1 (0), 0 (1) or +1 (2) N m on the middle joint.</para>
/// <para><b>Observation Space.</b> <c>Box(6,) float32</c>:</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation (min, max)</description></listheader>
/// <item><term>0</term><description><c>cos(theta1)</c> (-1, 1)</description></item>
/// <item><term>1</term><description><c>sin(theta1)</c> (-1, 1)</description></item>
/// <item><term>2</term><description><c>cos(theta2)</c> (-1, 1)</description></item>
/// <item><term>3</term><description><c>sin(theta2)</c> (-1, 1)</description></item>
/// <item><term>4</term><description>Angular velocity of theta1 (-4 pi, 4 pi)</description></item>
/// <item><term>5</term><description>Angular velocity of theta2 (-9 pi, 9 pi)</description></item>
/// </list>
/// <para><c>theta1</c> is 0 when the first link points straight down; <c>theta2</c> is relative to the first link.
/// Each step integrates the dynamics for 0.2 s with one RK4 step, wraps both angles into [-pi, pi] and bounds the
/// velocities.</para>
/// <para><b>Rewards.</b> -1 per step; 0 on the step that reaches the target height.</para>
/// <para><b>Starting State.</b> All four state values uniform in [-0.1, 0.1] (four draws), stored as float32, so the
/// chain starts hanging almost straight down. Reset options <c>low</c> and <c>high</c> replace the bounds.</para>
/// <para><b>Episode End.</b> Termination: <c>-cos(theta1) - cos(theta2 + theta1) &gt; 1</c> (the tip above the
/// target line). Truncation: after 500 steps (the time limit <c>Make</c> adds).</para>
/// <para><b>Arguments.</b> None besides <c>render_mode</c>: <c>rgb_array</c> draws a 500x500 frame (15 fps).</para>
/// <para><b>Version History.</b> v1: 500-step limit (was 200) and the observation gives cos/sin of the angles
/// instead of the angles. v0: the original version (no longer in Gymnasium).</para>
/// </remarks>
public sealed class AcrobotEnv : DynamicsEnv<AcrobotDynamics, AcrobotState, float, int, int>
{
    /// <summary>Rendered frame height and width in pixels.</summary>
    public const int ScreenSize = 500;

    // Gymnasium's render modes (minus "human", which needs a window) and frame rate.
    private static readonly EnvMetadata RenderMetadata = new([RenderModes.RgbArray], 15);
    private static readonly Color LinkColor = new(0, 204, 204);
    private static readonly Color JointColor = new(204, 204, 0);

    /// <summary>Creates the environment; call <c>Reset</c> before the first step.</summary>
    /// <param name="renderMode"><c>rgb_array</c>, or null for no rendering.</param>
    public AcrobotEnv(string? renderMode = null)
        : base(
            default(AcrobotDynamics),
            new Box<float>(
                [-1.0, -1.0, -1.0, -1.0, -AcrobotDynamics.MaxVelocity1, -AcrobotDynamics.MaxVelocity2],
                [1.0, 1.0, 1.0, 1.0, AcrobotDynamics.MaxVelocity1, AcrobotDynamics.MaxVelocity2]),
            new Discrete(3),
            RenderMetadata,
            renderMode)
    {
    }

    /// <summary>The internal state (Gymnasium's <c>env.unwrapped.state</c>): float32 values after reset, float64 after a step; zeros before the first reset.</summary>
    public AcrobotState State => CurrentState;

    /// <summary>
    /// The <c>rgb_array</c> frame (500 x 500 x 3) as Gymnasium draws it: the black target line one link above the
    /// pivot, the two cyan links and yellow joints. Null without a render mode or before the first reset.
    /// </summary>
    public override Rendering? Render()
    {
        if (RenderMode is null || !HasState)
        {
            return null;
        }

        const double bound = AcrobotDynamics.LinkLength1 + AcrobotDynamics.LinkLength2 + 0.2;
        const double scale = ScreenSize / (bound * 2);
        const double offset = ScreenSize / 2.0;
        var (theta1, theta2, _, _) = State;

        // Drawn with y pointing up, flipped at the end. theta1 = 0 hangs the first link straight down.
        var canvas = new Canvas(ScreenSize, ScreenSize, Color.White);
        canvas.DrawLine((-2.2 * scale) + offset, (1 * scale) + offset, (2.2 * scale) + offset, (1 * scale) + offset, 1, Color.Black);

        var elbow = (X: AcrobotDynamics.LinkLength1 * Math.Sin(theta1) * scale, Y: -AcrobotDynamics.LinkLength1 * Math.Cos(theta1) * scale);
        ReadOnlySpan<(double X, double Y, double Angle, double Length)> links =
        [
            (0, 0, theta1 - (Math.PI / 2), AcrobotDynamics.LinkLength1 * scale),
            (elbow.X, elbow.Y, theta1 + theta2 - (Math.PI / 2), AcrobotDynamics.LinkLength2 * scale),
        ];
        Span<(double X, double Y)> box = stackalloc (double, double)[4];
        foreach (var (jointX, jointY, angle, length) in links)
        {
            var (x, y) = (jointX + offset, jointY + offset);
            var (l, r, t, b) = (0.0, length, 0.1 * scale, -0.1 * scale);
            ReadOnlySpan<(double X, double Y)> corners = [(l, b), (l, t), (r, t), (r, b)];
            for (var i = 0; i < corners.Length; i++)
            {
                var (cx, cy) = GfxDraw.Rotate(corners[i].X, corners[i].Y, angle);
                box[i] = (cx + x, cy + y);
            }

            GfxDraw.Polygon(canvas, box, LinkColor);
            GfxDraw.Circle(canvas, (int)x, (int)y, (int)(0.1 * scale), JointColor);
        }

        canvas.FlipVertical();
        return canvas.ToFrame();
    }
}
