using System.Text;
using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Cliff walking (Gymnasium <c>CliffWalking-v1</c> and <c>CliffWalkingSlippery-v1</c>): cross a 4x12 grid from the
/// start to the goal without stepping off the cliff between them.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The walker starts at the bottom-left cell (3, 0); the goal is the bottom-right cell
/// (3, 11); the cells between them, (3, 1) to (3, 10), are the cliff. Stepping onto the cliff sends the walker back to
/// the start. From Example 6.6 of Sutton and Barto's <i>Reinforcement Learning: An Introduction</i>.</para>
/// <para><b>Action Space.</b> <c>Discrete(4)</c>: 0 up, 1 right, 2 down, 3 left. Moves off the grid stay in place.</para>
/// <para><b>Observation Space.</b> <c>Discrete(48)</c>, an <c>int</c>:</para>
/// <list type="table">
/// <listheader><term>Value</term><description>Meaning</description></listheader>
/// <item><term><c>row * 12 + col</c></term><description>the walker's cell (36 is the start, 47 the goal)</description></item>
/// </list>
/// <para><b>Rewards.</b> Python ints: -1 per step, -100 for stepping onto the cliff.</para>
/// <para><b>Starting State.</b> State 36, after one <c>random()</c> draw; info <c>{"prob": 1}</c> (an int).</para>
/// <para><b>Episode End.</b> Termination: the walker reaches the goal (state 47). Falling off the cliff does not end
/// the episode. No truncation: neither id is registered with a time limit.</para>
/// <para><b>Arguments.</b> <c>is_slippery</c> (default false): when true a move goes in the intended direction or
/// either perpendicular one with probability 1/3 each. Every step draws one <c>random()</c> and reports the chosen
/// outcome's probability as <c>info["prob"]</c> (a float).</para>
/// <para><b>Version History.</b> v1: slippery variant, the cliff no longer ends the episode. v0: initial release.</para>
/// </remarks>
public sealed class CliffWalkingEnv : TabularEnv
{
    /// <summary>Gymnasium's metadata: <c>rgb_array</c> and <c>ansi</c> at 4 fps, int rewards.</summary>
    public static EnvMetadata DefaultMetadata { get; } = new([RenderModes.RgbArray, RenderModes.Ansi], 4, RewardType.Int);

    /// <summary>Number of rows.</summary>
    public const int Rows = 4;

    /// <summary>Number of columns.</summary>
    public const int Columns = 12;

    /// <summary>The start state (row 3, column 0).</summary>
    public const int StartState = 36;

    /// <summary>The goal state (row 3, column 11).</summary>
    public const int GoalState = 47;

    private const int StateCount = Rows * Columns;

    // Row and column change of up, right, down, left.
    private static readonly (int Dr, int Dc)[] Deltas = [(-1, 0), (0, 1), (1, 0), (0, -1)];


    /// <summary>Builds the grid; see the class remarks for the arguments.</summary>
    public CliffWalkingEnv(string? renderMode = null, bool isSlippery = false)
        : base(new Discrete(StateCount), 4, DefaultMetadata, renderMode)
    {
        IsSlippery = isSlippery;
        var transitions = new Transition[StateCount][][];
        var initialStateDistribution = new double[StateCount];
        initialStateDistribution[StartState] = 1.0;
        for (var s = 0; s < StateCount; s++)
        {
            transitions[s] = new Transition[4][];
            for (var a = 0; a < 4; a++)
            {
                transitions[s][a] = isSlippery
                    ? [Move(s, (a + 3) % 4, 1.0 / 3), Move(s, a, 1.0 / 3), Move(s, (a + 1) % 4, 1.0 / 3)]
                    : [Move(s, a, 1.0)];
            }
        }

        SetModel(transitions, initialStateDistribution);
    }

    /// <summary>True when moves may slip sideways.</summary>
    public bool IsSlippery { get; }

    /// <summary>True when <paramref name="state"/> is a cliff cell.</summary>
    public static bool IsCliff(int state) => state / Columns == Rows - 1 && state % Columns is > 0 and < Columns - 1;

    /// <inheritdoc />
    protected override RgbFrame RenderRgb() => CliffWalkingRenderer.Render(this);

    /// <inheritdoc />
    protected override string RenderAnsi()
    {
        var text = new StringBuilder();
        for (var s = 0; s < StateCount; s++)
        {
            var cell = s == State ? " x " : s == GoalState ? " T " : IsCliff(s) ? " C " : " o ";
            var col = s % Columns;
            if (col == 0)
            {
                cell = cell.TrimStart();
            }

            if (col == Columns - 1)
            {
                cell = cell.TrimEnd() + "\n";
            }

            text.Append(cell);
        }

        return text.Append('\n').ToString();
    }

    private static Transition Move(int state, int direction, double probability)
    {
        var row = Math.Clamp((state / Columns) + Deltas[direction].Dr, 0, Rows - 1);
        var col = Math.Clamp((state % Columns) + Deltas[direction].Dc, 0, Columns - 1);
        var next = (row * Columns) + col;
        return IsCliff(next)
            ? new Transition(probability, StartState, -100, false)
            : new Transition(probability, next, -1, next == GoalState);
    }
}
