using RlGym.Core.Random;

namespace RlGym.Environments.ToyText;

/// <summary>FrozenLake's built-in maps and Gymnasium's random map generator (<c>generate_random_map</c>).</summary>
/// <remarks>Tiles: <c>S</c> start, <c>F</c> frozen, <c>H</c> hole, <c>G</c> goal; rows top to bottom.</remarks>
public static class FrozenLakeMaps
{
    /// <summary>The <c>"4x4"</c> map.</summary>
    public static IReadOnlyList<string> FourByFour { get; } = ["SFFF", "FHFH", "FFFH", "HFFG"];

    /// <summary>The <c>"8x8"</c> map.</summary>
    public static IReadOnlyList<string> EightByEight { get; } =
        ["SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"];

    /// <summary>The names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["4x4", "8x8"];

    /// <summary>The built-in map called <paramref name="name"/> (<c>"4x4"</c> or <c>"8x8"</c>).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static IReadOnlyList<string> Get(string name) => name switch
    {
        "4x4" => FourByFour,
        "8x8" => EightByEight,
        _ => throw new ArgumentException($"Unknown FrozenLake map_name {RlGym.Core.Formatting.Quote(name)}; built-in maps: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// A random <paramref name="size"/> x <paramref name="size"/> map with a path from the start (top left) to the goal
    /// (bottom right), drawn exactly as Gymnasium does: a fresh <c>np_random(seed)</c>, then per attempt one
    /// <c>random()</c> per tile in row-major order (frozen when it is below <paramref name="p"/>, else a hole),
    /// corners set to S and G, repeated until a depth-first search finds the goal.
    /// </summary>
    /// <param name="size">Side length, at least 2 (Gymnasium loops forever on 1).</param>
    /// <param name="p">Probability that a tile is frozen; values above 1 act as 1; must be positive (0 never yields a valid map).</param>
    /// <param name="seed">Seed of the generator; null seeds it from OS entropy.</param>
    public static IReadOnlyList<string> GenerateRandomMap(int size = 8, double p = 0.8, ulong? seed = null)
    {
        if (size < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A FrozenLake map needs a size of at least 2 so start and goal differ.");
        }

        if (!(p > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The frozen-tile probability p must be positive (p <= 0 never yields a map with a path).");
        }

        var random = seed is { } s ? NumpyGenerator.FromSeed(s) : NumpyGenerator.FromEntropy();
        p = Math.Min(1.0, p);

        // numpy's choice(["F", "H"], p=[p, 1 - p]) normalises the cumulative sum by its last entry.
        var frozenThreshold = p / (p + (1.0 - p));
        var board = new char[size][];
        do
        {
            for (var row = 0; row < size; row++)
            {
                board[row] = new char[size];
                for (var col = 0; col < size; col++)
                {
                    board[row][col] = random.Random() < frozenThreshold ? 'F' : 'H';
                }
            }

            board[0][0] = 'S';
            board[size - 1][size - 1] = 'G';
        }
        while (!IsValid(board));

        return board.Select(row => new string(row)).ToArray();
    }

    /// <summary>True when a path over non-hole tiles leads from the top-left tile to a goal tile.</summary>
    public static bool IsValid(IReadOnlyList<string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsValid(map.Select(row => row.ToCharArray()).ToArray());
    }

    private static bool IsValid(char[][] board)
    {
        var rows = board.Length;
        var frontier = new Stack<(int Row, int Col)>();
        var discovered = new HashSet<(int, int)>();
        frontier.Push((0, 0));
        ReadOnlySpan<(int Dr, int Dc)> directions = [(1, 0), (0, 1), (-1, 0), (0, -1)];
        while (frontier.Count > 0)
        {
            var (r, c) = frontier.Pop();
            if (!discovered.Add((r, c)))
            {
                continue;
            }

            foreach (var (dr, dc) in directions)
            {
                var (nr, nc) = (r + dr, c + dc);
                if (nr < 0 || nr >= rows || nc < 0 || nc >= board[nr].Length)
                {
                    continue;
                }

                if (board[nr][nc] == 'G')
                {
                    return true;
                }

                if (board[nr][nc] != 'H')
                {
                    frontier.Push((nr, nc));
                }
            }
        }

        return false;
    }
}
