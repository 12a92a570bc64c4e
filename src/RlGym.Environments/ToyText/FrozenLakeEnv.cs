using System.Text;
using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ToyText;

/// <summary>
/// FrozenLake (Gymnasium <c>FrozenLake-v1</c>): walk from the start to the goal over a frozen lake without falling
/// into a hole; on slippery ice the walker may slide sideways.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The walker starts on the top-left tile (S) of a grid of frozen tiles (F) and holes (H)
/// and must reach the goal (G) on the bottom-right tile. The map is a built-in one (<c>map_name</c>), a custom one
/// (<c>desc</c>) or, when both are null, a random 8x8 map that always has a path to the goal
/// (<see cref="FrozenLakeMaps.GenerateRandomMap"/>).</para>
/// <para><b>Action Space.</b> <c>Discrete(4)</c>: 0 left, 1 down, 2 right, 3 up. A move off the grid leaves the
/// walker where it is.</para>
/// <para><b>Observation Space.</b> <c>Discrete(rows * cols)</c>, an <c>int</c>:</para>
/// <list type="table">
/// <listheader><term>Value</term><description>Meaning</description></listheader>
/// <item><term><c>row * cols + col</c></term><description>the walker's tile (0 is the top-left start; 15 the 4x4 goal)</description></item>
/// </list>
/// <para><b>Rewards.</b> Python ints from <c>reward_schedule</c> (goal, hole, frozen) = (1, 0, 0) by default: 1 for
/// reaching the goal, else 0.</para>
/// <para><b>Starting State.</b> A start tile (state 0 on the built-in maps), chosen with one <c>random()</c> draw.
/// Reset info is <c>{"prob": 1}</c> (an int).</para>
/// <para><b>Episode End.</b> Termination: the walker enters a hole or the goal. Truncation (the registry's time
/// limit): 100 steps for <c>FrozenLake-v1</c>, 200 for <c>FrozenLake8x8-v1</c>.</para>
/// <para><b>Arguments.</b> <c>desc</c> (list of row strings, default null), <c>map_name</c> ("4x4", "8x8" or null;
/// default "4x4"), <c>is_slippery</c> (default true: the intended move happens with probability
/// <c>success_rate</c>, each perpendicular move with <c>(1 - success_rate) / 2</c>), <c>success_rate</c> (default 1/3),
/// <c>reward_schedule</c> (default [1, 0, 0]). A map has at most <see cref="MaxMapTiles"/> tiles (e.g. 256 x 256). Every step draws exactly one <c>random()</c>, slippery or not, and
/// reports the chosen outcome's probability as <c>info["prob"]</c> (a float).</para>
/// <para><b>Version History.</b> v1: reward bug fixes (Gymnasium); v0: initial release.</para>
/// </remarks>
public sealed class FrozenLakeEnv : TabularEnv
{
    /// <summary>Gymnasium's metadata: <c>ansi</c> and <c>rgb_array</c> at 4 fps, int rewards.</summary>
    public static EnvMetadata DefaultMetadata { get; } = new([RenderModes.Ansi, RenderModes.RgbArray], 4, RewardType.Int);

    /// <summary>
    /// Most tiles a map may have (e.g. 256 x 256): every tile costs its transition table, a few hundred bytes, so a
    /// larger map is refused before anything is built.
    /// </summary>
    public const int MaxMapTiles = 65_536;

    private static readonly string[] ActionNames = ["Left", "Down", "Right", "Up"];


    /// <summary>Builds the lake; see the class remarks for the arguments.</summary>
    /// <param name="renderMode"><c>ansi</c>, <c>rgb_array</c> or null.</param>
    /// <param name="desc">A custom map, one string per row; overrides <paramref name="mapName"/>.</param>
    /// <param name="mapName">"4x4" or "8x8"; with <paramref name="desc"/> also null, a random 8x8 map is generated.</param>
    /// <param name="isSlippery">True when moves may slip sideways.</param>
    /// <param name="successRate">Probability of the intended move on slippery ice.</param>
    /// <param name="rewardSchedule">Rewards for entering the goal, a hole and a frozen tile; default (1, 0, 0).</param>
    /// <param name="rewardType">
    /// Python type of the rewards (Gymnasium returns the schedule's own values); null: int when every reward is integral.
    /// </param>
    /// <exception cref="ArgumentException">An invalid map, map name, success rate or reward schedule.</exception>
    public FrozenLakeEnv(
        string? renderMode = null,
        IReadOnlyList<string>? desc = null,
        string? mapName = "4x4",
        bool isSlippery = true,
        double successRate = 1.0 / 3.0,
        IReadOnlyList<double>? rewardSchedule = null,
        RewardType? rewardType = null)
        : base(CreateSpace(desc, mapName, out var map), 4, MetadataFor(rewardSchedule, rewardType), renderMode)
    {
        if (!(successRate is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(successRate), successRate, "FrozenLake success_rate must be a probability in [0, 1].");
        }

        var rewards = rewardSchedule ?? [1.0, 0.0, 0.0];
        if (rewards.Count != 3)
        {
            throw new ArgumentException($"FrozenLake reward_schedule must hold 3 rewards (goal, hole, frozen), got {rewards.Count}.", nameof(rewardSchedule));
        }

        Map = map;
        Rows = map.Count;
        Columns = map[0].Length;
        IsSlippery = isSlippery;
        SuccessRate = successRate;
        RewardSchedule = rewards.ToArray();

        var starts = Rows * Columns;
        var initialStateDistribution = new double[starts];
        var startCount = map.Sum(row => row.Count(c => c == 'S'));
        for (var s = 0; s < starts; s++)
        {
            initialStateDistribution[s] = TileAt(s) == 'S' ? 1.0 : 0.0;
        }

        for (var s = 0; s < starts; s++)
        {
            initialStateDistribution[s] /= startCount;
        }

        SetModel(BuildTransitions(), initialStateDistribution);
    }

    /// <summary>The map, one string per row.</summary>
    public IReadOnlyList<string> Map { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>True when moves may slip sideways.</summary>
    public bool IsSlippery { get; }

    /// <summary>Probability of the intended move on slippery ice.</summary>
    public double SuccessRate { get; }

    /// <summary>Rewards for entering the goal, a hole and a frozen (or start) tile.</summary>
    public IReadOnlyList<double> RewardSchedule { get; }

    /// <summary>The tile letter of <paramref name="state"/>.</summary>
    public char TileAt(int state) => Map[state / Columns][state % Columns];

    /// <inheritdoc />
    protected override RgbFrame RenderRgb() => FrozenLakeRenderer.Render(this);

    /// <inheritdoc />
    protected override string RenderAnsi()
    {
        var text = new StringBuilder();
        text.Append(LastAction is { } a ? $"  ({ActionNames[a]})\n" : "\n");
        var (agentRow, agentCol) = (State / Columns, State % Columns);
        for (var row = 0; row < Rows; row++)
        {
            for (var col = 0; col < Columns; col++)
            {
                var tile = Map[row][col].ToString();
                text.Append(row == agentRow && col == agentCol ? AnsiColors.Colorize(tile, "red", highlight: true) : tile);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private Transition[][][] BuildTransitions()
    {
        var failRate = (1.0 - SuccessRate) / 2.0;
        var result = new Transition[Rows * Columns][][];
        for (var s = 0; s < result.Length; s++)
        {
            result[s] = new Transition[4][];
            for (var a = 0; a < 4; a++)
            {
                var tile = TileAt(s);
                if (tile is 'G' or 'H')
                {
                    result[s][a] = [new Transition(1.0, s, 0, true)];
                }
                else if (IsSlippery)
                {
                    result[s][a] =
                    [
                        Move(s, (a + 3) % 4, failRate),
                        Move(s, a, SuccessRate),
                        Move(s, (a + 1) % 4, failRate),
                    ];
                }
                else
                {
                    result[s][a] = [Move(s, a, 1.0)];
                }
            }
        }

        return result;
    }

    private Transition Move(int state, int direction, double probability)
    {
        var (row, col) = (state / Columns, state % Columns);
        (row, col) = direction switch
        {
            0 => (row, Math.Max(col - 1, 0)),
            1 => (Math.Min(row + 1, Rows - 1), col),
            2 => (row, Math.Min(col + 1, Columns - 1)),
            _ => (Math.Max(row - 1, 0), col),
        };
        var next = (row * Columns) + col;
        var tile = TileAt(next);
        var reward = tile switch
        {
            'G' => RewardSchedule[0],
            'H' => RewardSchedule[1],
            _ => RewardSchedule[2],
        };
        return new Transition(probability, next, reward, tile is 'G' or 'H');
    }

    private static EnvMetadata MetadataFor(IReadOnlyList<double>? rewardSchedule, RewardType? rewardType)
    {
        var integral = rewardSchedule is null || rewardSchedule.All(r => r == Math.Floor(r) && !double.IsInfinity(r));
        var type = rewardType ?? (integral ? RewardType.Int : RewardType.Float);
        return DefaultMetadata with { RewardType = type };
    }

    private static Discrete CreateSpace(IReadOnlyList<string>? desc, string? mapName, out IReadOnlyList<string> map)
    {
        map = desc ?? (mapName is null ? FrozenLakeMaps.GenerateRandomMap() : FrozenLakeMaps.Get(mapName));
        if (map.Count == 0 || map[0].Length == 0)
        {
            throw new ArgumentException("A FrozenLake map needs at least one row and one column.", nameof(desc));
        }

        var width = map[0].Length;
        if ((long)map.Count * width > MaxMapTiles)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"A FrozenLake map of {map.Count:N0} x {width:N0} = {(long)map.Count * width:N0} tiles is larger than the limit of {MaxMapTiles:N0} tiles (e.g. 256 x 256)."), nameof(desc));
        }

        if (map.Any(row => row is null || row.Length != width))
        {
            throw new ArgumentException($"Every FrozenLake map row must have the same length ({width}).", nameof(desc));
        }

        if (map.Any(row => row.Any(c => c is not ('S' or 'F' or 'H' or 'G'))))
        {
            throw new ArgumentException("FrozenLake map tiles must be S (start), F (frozen), H (hole) or G (goal).", nameof(desc));
        }

        if (!map.Any(row => row.Contains('S', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A FrozenLake map needs at least one start tile 'S'.", nameof(desc));
        }

        map = map.ToArray();
        return new Discrete(map.Count * width);
    }
}
