using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace MyTask;

/// <summary>
/// A cat learns to find its scratching post on a small grid.
/// </summary>
/// <remarks>
/// <para><b>Description</b>: the grid is <c>size</c> x <c>size</c> cells; the scratching post stands in the
/// bottom-right corner and the cat starts in a random other cell.</para>
/// <para><b>Action Space</b>: <c>Discrete(4)</c>: 0 up, 1 right, 2 down, 3 left (a move into a wall keeps the cat in place).</para>
/// <para><b>Observation Space</b>: <c>Discrete(size * size)</c>: the cat's cell, <c>row * size + column</c>.</para>
/// <para><b>Rewards</b>: 1 on reaching the post, 0 otherwise.</para>
/// <para><b>Starting State</b>: a cell drawn uniformly from every cell but the post's, with <c>NpRandom.Integers</c>.</para>
/// <para><b>Episode End</b>: termination on reaching the post; truncation by the registered time limit (100 steps).</para>
/// <para><b>Arguments</b>: <c>size</c> (int, default 5, at least 2).</para>
/// <para><b>Version History</b>: v0: initial version.</para>
/// </remarks>
public sealed class MyTaskEnv : Env<int, int>
{
    private const int CellPixels = 16;
    private readonly int _size;
    private int _cat;

    /// <summary>A grid of <paramref name="size"/> x <paramref name="size"/> cells; <paramref name="renderMode"/> is <c>rgb_array</c>, <c>ansi</c> or null.</summary>
    public MyTaskEnv(int size = 5, string? renderMode = null)
        : base(new Discrete(size * size), new Discrete(4), new EnvMetadata([RenderModes.RgbArray, RenderModes.Ansi], 4), renderMode)
    {
        if (size < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "size must be at least 2 (the cat needs a cell besides the post's).");
        }

        _size = size;
    }

    private int Post => (_size * _size) - 1;

    /// <inheritdoc />
    protected override ResetResult<int> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        // Every randomness comes from NpRandom, which Reset(seed) reseeds: same seed, same episode.
        _cat = (int)NpRandom.Integers(0, Post);
        return new(_cat, Info());
    }

    /// <inheritdoc />
    public override StepResult<int> Step(int action)
    {
        // Validate before changing anything: an invalid action leaves the state untouched.
        RequireValidAction(action);
        var (row, column) = Math.DivRem(_cat, _size);
        (row, column) = action switch
        {
            0 => (Math.Max(row - 1, 0), column),
            1 => (row, Math.Min(column + 1, _size - 1)),
            2 => (Math.Min(row + 1, _size - 1), column),
            _ => (row, Math.Max(column - 1, 0)),
        };
        _cat = (row * _size) + column;
        var found = _cat == Post;

        // Truncation is the registry's job (max_episode_steps): never count steps here.
        return new(_cat, found ? 1.0 : 0.0, found, false, Info());
    }

    /// <inheritdoc />
    public override Rendering? Render() => RenderMode switch
    {
        RenderModes.Ansi => new AnsiText(RenderText()),
        RenderModes.RgbArray => RenderFrame(),
        _ => null,
    };

    private string RenderText()
    {
        var lines = Enumerable.Range(0, _size).Select(row => new string(Enumerable.Range(0, _size)
            .Select(column => (row * _size) + column)
            .Select(cell => cell == _cat ? 'C' : cell == Post ? 'P' : '.')
            .ToArray()));
        return string.Join('\n', lines) + '\n';
    }

    private RgbFrame RenderFrame()
    {
        var side = _size * CellPixels;
        var pixels = new byte[side * side * 3];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var cell = (y / CellPixels * _size) + (x / CellPixels);
                // The cat orange, the post brown, the floor beige.
                (byte r, byte g, byte b) = cell == _cat ? ((byte)255, (byte)140, (byte)0) : cell == Post ? ((byte)120, (byte)72, (byte)32) : ((byte)240, (byte)230, (byte)200);
                var offset = ((y * side) + x) * 3;
                pixels[offset] = r;
                pixels[offset + 1] = g;
                pixels[offset + 2] = b;
            }
        }

        return new RgbFrame(side, side, pixels);
    }

    private Dictionary<string, object> Info()
    {
        var (row, column) = Math.DivRem(_cat, _size);
        return new() { ["distance"] = (long)((_size - 1 - row) + (_size - 1 - column)) };
    }
}
