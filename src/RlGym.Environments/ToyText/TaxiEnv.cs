using System.Text;
using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Taxi (Gymnasium <c>Taxi-v4</c>, and <c>Taxi-v3</c> with default arguments): drive to the passenger, pick them up,
/// drive to their destination and drop them off.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> A 5x5 grid with four coloured stands, R(ed) (0,0), G(reen) (0,4), Y(ellow) (4,0) and
/// B(lue) (4,3), and walls between some columns:</para>
/// <code>
/// +---------+
/// |R: | : :G|
/// | : | : : |
/// | : : : : |
/// | | : | : |
/// |Y| : |B: |
/// +---------+
/// </code>
/// <para>The taxi starts on a random square and the passenger waits at one stand; the destination is another stand.
/// From Dietterich's MAXQ paper (JAIR 13, 2000).</para>
/// <para><b>Action Space.</b> <c>Discrete(6)</c>: 0 south, 1 north, 2 east, 3 west, 4 pick up, 5 drop off.</para>
/// <para><b>Observation Space.</b> <c>Discrete(500)</c>, an <c>int</c>
/// <c>((taxi_row * 5 + taxi_col) * 5 + passenger) * 4 + destination</c>:</para>
/// <list type="table">
/// <listheader><term>Part</term><description>Values</description></listheader>
/// <item><term>taxi_row, taxi_col</term><description>0-4</description></item>
/// <item><term>passenger</term><description>0 R, 1 G, 2 Y, 3 B, 4 in the taxi</description></item>
/// <item><term>destination</term><description>0 R, 1 G, 2 Y, 3 B</description></item>
/// </list>
/// <para><b>Rewards.</b> Python ints: -1 per step, +20 for dropping the passenger at the destination, -10 for an
/// illegal pick-up or drop-off.</para>
/// <para><b>Starting State.</b> Uniform over the 300 states with the passenger at a stand other than the
/// destination (one <c>random()</c>); with <c>fickle_passenger</c> a second <c>random()</c> decides whether the
/// passenger will change their mind. Info is <c>{"prob": 1.0, "action_mask": int8[6]}</c>, the mask marking actions
/// that change the state.</para>
/// <para><b>Episode End.</b> Termination: the passenger is dropped off at the destination. Truncation (the
/// registry's time limit): 200 steps.</para>
/// <para><b>Arguments.</b> <c>is_rainy</c> (default false): a move goes as intended with probability
/// <c>rainy_probability</c> (0.8), else to the left or right of the direction of travel with
/// <c>(1 - rainy_probability) / 2</c> each; a blocked intended move leaves the taxi in place whatever the outcome,
/// and a blocked sideways move stays in place too. <c>fickle_passenger</c> (default false): with probability
/// <c>fickle_probability</c> (0.3) the passenger, on the first step the taxi moves after picking them up, switches to
/// one of the three other destinations. Every step draws one <c>random()</c> for the outcome.</para>
/// <para><b>Version History.</b> v4 (Gymnasium 1.3.0): rainy moves relative to the direction of travel, consistent
/// blocking, and the probability arguments; defaults unchanged from v3. v3: map correction, action masks in the
/// info. v2: start never equals the goal. v1: stand fix. v0: initial release.</para>
/// </remarks>
public sealed class TaxiEnv : Env<int, int>
{
    /// <summary>Gymnasium's metadata: <c>ansi</c> and <c>rgb_array</c> at 4 fps, int rewards.</summary>
    public static EnvMetadata DefaultMetadata { get; } = new([RenderModes.Ansi, RenderModes.RgbArray], 4, RewardType.Int);

    /// <summary>The map as text; <c>|</c> between two columns is a wall, <c>:</c> an open side.</summary>
    public static IReadOnlyList<string> MapRows { get; } =
    [
        "+---------+",
        "|R: | : :G|",
        "| : | : : |",
        "| : : : : |",
        "| | : | : |",
        "|Y| : |B: |",
        "+---------+",
    ];

    /// <summary>The stands (row, col): R, G, Y, B.</summary>
    public static IReadOnlyList<(int Row, int Col)> Stands { get; } = [(0, 0), (0, 4), (4, 0), (4, 3)];

    private const int StateCount = 500;
    private static readonly string[] ActionNames = ["South", "North", "East", "West", "Pickup", "Dropoff"];

    // Sideways moves relative to the direction of travel: left of south is east, left of north is west, ...
    private static readonly int[] LeftOf = [2, 3, 1, 0];
    private static readonly int[] RightOf = [3, 2, 0, 1];

    private readonly Transition[][][] _transitions;
    private readonly double[] _initialStateDistribution = new double[StateCount];
    private int _state = -1;
    private int? _lastAction;
    private bool _fickleStep;

    /// <summary>Builds the taxi world; see the class remarks for the arguments.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A probability outside [0, 1].</exception>
    public TaxiEnv(
        string? renderMode = null,
        bool isRainy = false,
        bool ficklePassenger = false,
        double rainyProbability = 0.8,
        double fickleProbability = 0.3)
        : base(new Discrete(StateCount), new Discrete(6), DefaultMetadata, renderMode)
    {
        if (!(rainyProbability is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(rainyProbability), rainyProbability, "Taxi rainy_probability must be a probability in [0, 1].");
        }

        if (!(fickleProbability is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(fickleProbability), fickleProbability, "Taxi fickle_probability must be a probability in [0, 1].");
        }

        IsRainy = isRainy;
        FicklePassenger = ficklePassenger;
        RainyProbability = rainyProbability;
        FickleProbability = fickleProbability;

        _transitions = new Transition[StateCount][][];
        for (var s = 0; s < StateCount; s++)
        {
            var (_, _, passenger, destination) = Decode(s);
            if (passenger < 4 && passenger != destination)
            {
                _initialStateDistribution[s] = 1.0;
            }

            _transitions[s] = new Transition[6][];
            for (var a = 0; a < 6; a++)
            {
                _transitions[s][a] = BuildTransitions(s, a);
            }
        }

        // Same float64 values as numpy's in-place division of the counts by their sum.
        for (var s = 0; s < StateCount; s++)
        {
            _initialStateDistribution[s] /= 300.0;
        }
    }

    /// <summary>True when moves may go sideways.</summary>
    public bool IsRainy { get; }

    /// <summary>True when the passenger may change destination once.</summary>
    public bool FicklePassenger { get; }

    /// <summary>Probability that a rainy move goes as intended.</summary>
    public double RainyProbability { get; }

    /// <summary>Probability, drawn at reset, that the passenger changes destination.</summary>
    public double FickleProbability { get; }

    /// <summary>The encoded state, or -1 before the first reset.</summary>
    public int State => _state;

    /// <summary>The last action taken in this episode, or null right after a reset.</summary>
    public int? LastAction => _lastAction;

    /// <summary>
    /// The side the rendered taxi shows: the last move action of the episode (0 south, 1 north, 2 east, 3 west), 0 after
    /// a reset. (Gymnasium updates it when rendering; here every step does, so a frame never depends on which
    /// earlier steps were rendered.)
    /// </summary>
    public int TaxiOrientation { get; private set; }

    /// <summary>Encodes a state: <c>((row * 5 + col) * 5 + passenger) * 4 + destination</c>.</summary>
    public static int Encode(int taxiRow, int taxiCol, int passenger, int destination) =>
        ((((taxiRow * 5) + taxiCol) * 5) + passenger) * 4 + destination;

    /// <summary>Decodes a state into (taxi row, taxi column, passenger location, destination).</summary>
    public static (int TaxiRow, int TaxiCol, int Passenger, int Destination) Decode(int state)
    {
        var destination = state % 4;
        state /= 4;
        var passenger = state % 5;
        state /= 5;
        return (state / 5, state % 5, passenger, destination);
    }

    /// <summary>Which actions change <paramref name="state"/> (Gymnasium's <c>action_mask</c>, int8[6]).</summary>
    public static sbyte[] ActionMask(int state)
    {
        var mask = new sbyte[6];
        var (row, col, passenger, destination) = Decode(state);
        mask[0] = row < 4 ? (sbyte)1 : (sbyte)0;
        mask[1] = row > 0 ? (sbyte)1 : (sbyte)0;
        mask[2] = col < 4 && MapRows[row + 1][(2 * col) + 2] == ':' ? (sbyte)1 : (sbyte)0;
        mask[3] = col > 0 && MapRows[row + 1][2 * col] == ':' ? (sbyte)1 : (sbyte)0;
        mask[4] = passenger < 4 && Stands[passenger] == (row, col) ? (sbyte)1 : (sbyte)0;
        mask[5] = passenger == 4 && (Stands[destination] == (row, col) || StandIndex(row, col) >= 0) ? (sbyte)1 : (sbyte)0;
        return mask;
    }

    /// <summary>The outcomes of taking <paramref name="action"/> in <paramref name="state"/> (Gymnasium's <c>P[s][a]</c>).</summary>
    public IReadOnlyList<Transition> TransitionsOf(int state, int action) => _transitions[state][action];

    /// <inheritdoc />
    protected override ResetResult<int> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        _state = CategoricalSampler.Sample(_initialStateDistribution, NpRandom);
        _lastAction = null;
        TaxiOrientation = 0;
        _fickleStep = FicklePassenger && NpRandom.Random() < FickleProbability;
        return new(_state, Info(1.0, _state));
    }

    /// <inheritdoc />
    public override StepResult<int> Step(int action)
    {
        RequireValidAction(action);
        if (_state < 0)
        {
            throw new ResetNeededException("Taxi must be reset before it is stepped.");
        }

        var (probability, next, reward, terminated) = CategoricalSampler.Sample(_transitions[_state][action], NpRandom);
        _lastAction = action;
        if (action < 4)
        {
            TaxiOrientation = action;
        }

        var (oldRow, oldCol, oldPassenger, oldDestination) = Decode(_state);
        var (row, col, passenger, _) = Decode(next);

        // A fickle passenger changes their mind once, on the first move of the taxi with them on board.
        if (FicklePassenger && _fickleStep && oldPassenger == 4 && (row != oldRow || col != oldCol))
        {
            _fickleStep = false;
            var index = (int)NpRandom.Integers(0, 3);
            var destination = index < oldDestination ? index : index + 1;
            next = Encode(row, col, passenger, destination);
        }

        _state = next;
        return new(next, reward, terminated, false, Info(probability, next));
    }

    /// <inheritdoc />
    public override Rendering? Render()
    {
        if (RenderMode is null)
        {
            return null;
        }

        if (_state < 0)
        {
            throw new ResetNeededException("Taxi must be reset before it is rendered.");
        }

        return RenderMode == RenderModes.Ansi ? new AnsiText(RenderText()) : TaxiRenderer.Render(this);
    }

    private static Dictionary<string, object> Info(double probability, int state) =>
        new() { ["prob"] = probability, ["action_mask"] = ActionMask(state) };

    private string RenderText()
    {
        var cells = MapRows.Select(row => row.Select(c => c.ToString()).ToArray()).ToArray();
        var (row, col, passenger, destination) = Decode(_state);
        if (passenger < 4)
        {
            cells[1 + row][(2 * col) + 1] = AnsiColors.Colorize(cells[1 + row][(2 * col) + 1], "yellow", highlight: true);
            var (pr, pc) = Stands[passenger];
            cells[1 + pr][(2 * pc) + 1] = AnsiColors.Colorize(cells[1 + pr][(2 * pc) + 1], "blue", bold: true);
        }
        else
        {
            var under = cells[1 + row][(2 * col) + 1];
            cells[1 + row][(2 * col) + 1] = AnsiColors.Colorize(under == " " ? "_" : under, "green", highlight: true);
        }

        var (dr, dc) = Stands[destination];
        cells[1 + dr][(2 * dc) + 1] = AnsiColors.Colorize(cells[1 + dr][(2 * dc) + 1], "magenta");

        var text = new StringBuilder();
        text.Append(string.Join("\n", cells.Select(row => string.Concat(row)))).Append('\n');
        text.Append(_lastAction is { } a ? $"  ({ActionNames[a]})\n" : "\n");
        return text.ToString();
    }

    private Transition[] BuildTransitions(int state, int action)
    {
        var (row, col, passenger, destination) = Decode(state);
        if (action < 4)
        {
            if (TryMove(row, col, action) is not { } intended)
            {
                // A blocked move leaves the taxi in place, whichever outcome is drawn.
                return IsRainy
                    ? [new(RainyProbability, state, -1, false), new(SideProbability, state, -1, false), new(SideProbability, state, -1, false)]
                    : [new(1.0, state, -1, false)];
            }

            var moved = new Transition(IsRainy ? RainyProbability : 1.0, Encode(intended.Row, intended.Col, passenger, destination), -1, false);
            if (!IsRainy)
            {
                return [moved];
            }

            return [moved, Sideways(state, LeftOf[action]), Sideways(state, RightOf[action])];
        }

        var (newPassenger, reward, terminated) = (passenger, -1, false);
        if (action == 4)
        {
            if (passenger < 4 && Stands[passenger] == (row, col))
            {
                newPassenger = 4;
            }
            else
            {
                reward = -10;
            }
        }
        else if (Stands[destination] == (row, col) && passenger == 4)
        {
            (newPassenger, reward, terminated) = (destination, 20, true);
        }
        else if (passenger == 4 && StandIndex(row, col) is var stand and >= 0)
        {
            newPassenger = stand;
        }
        else
        {
            reward = -10;
        }

        return [new(1.0, Encode(row, col, newPassenger, destination), reward, terminated)];
    }

    private static int StandIndex(int row, int col)
    {
        for (var i = 0; i < Stands.Count; i++)
        {
            if (Stands[i] == (row, col))
            {
                return i;
            }
        }

        return -1;
    }

    private double SideProbability => (1.0 - RainyProbability) / 2.0;

    private Transition Sideways(int state, int direction)
    {
        var (row, col, passenger, destination) = Decode(state);
        var next = TryMove(row, col, direction) is { } to ? Encode(to.Row, to.Col, passenger, destination) : state;
        return new(SideProbability, next, -1, false);
    }

    private static (int Row, int Col)? TryMove(int row, int col, int direction) => direction switch
    {
        0 when row < 4 => (row + 1, col),
        1 when row > 0 => (row - 1, col),
        2 when col < 4 && MapRows[1 + row][(2 * col) + 2] == ':' => (row, col + 1),
        3 when col > 0 && MapRows[1 + row][2 * col] == ':' => (row, col - 1),
        _ => null,
    };
}
