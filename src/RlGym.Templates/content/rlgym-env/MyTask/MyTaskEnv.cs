using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace MyTask;

/// <summary>
/// A cat learns to find its scratching post on a small grid.
/// </summary>
/// <remarks>
/// <para><b>Description</b>: the grid is <c>size</c> x <c>size</c> cells; the scratching post stands in the
/// bottom-right corner and the cat starts in a random other cell. The rules are <see cref="MyTaskDynamics"/>; this
/// class declares the spaces and renders.</para>
/// <para><b>Action Space</b>: <c>Discrete(4)</c>: 0 up, 1 right, 2 down, 3 left (a move into a wall keeps the cat in place).</para>
/// <para><b>Observation Space</b>: <c>Box(0, size - 1, (2,), float32)</c>, the cat's cell:</para>
/// <list type="table">
/// <listheader><term>Num</term><description>Observation (Min, Max)</description></listheader>
/// <item><term>0</term><description>the cat's row, 0 at the top (0, size - 1)</description></item>
/// <item><term>1</term><description>the cat's column, 0 on the left (0, size - 1)</description></item>
/// </list>
/// <para><b>Rewards</b>: 1 on reaching the post, 0 otherwise.</para>
/// <para><b>Starting State</b>: a cell drawn uniformly from every cell but the post's.</para>
/// <para><b>Episode End</b>: termination on reaching the post; truncation by the registered time limit (100 steps).</para>
/// <para><b>Arguments</b>: <c>size</c> (int, default 5, at least 2).</para>
/// <para><b>Version History</b>: v0: initial version.</para>
/// </remarks>
public sealed class MyTaskEnv : DynamicsEnv<MyTaskDynamics, MyTaskState, float, int, int>
{
    private const int CellPixels = 16;

    /// <summary>A grid of <paramref name="size"/> x <paramref name="size"/> cells; <paramref name="renderMode"/> is <c>rgb_array</c>, <c>ansi</c> or null.</summary>
    public MyTaskEnv(int size = 5, string? renderMode = null)
        : base(
            new MyTaskDynamics(size),
            new Box<float>(0, size - 1, [2]),
            new Discrete(4),
            new EnvMetadata([RenderModes.RgbArray, RenderModes.Ansi], 4),
            renderMode)
    {
    }

    private int Size => Dynamics.Size;

    /// <inheritdoc />
    public override Rendering? Render() => RenderMode switch
    {
        RenderModes.Ansi => new AnsiText(RenderText()),
        RenderModes.RgbArray => RenderFrame(),
        _ => null,
    };

    private string RenderText()
    {
        var lines = Enumerable.Range(0, Size).Select(row => new string(Enumerable.Range(0, Size)
            .Select(column => IsCat(row, column) ? 'C' : IsPost(row, column) ? 'P' : '.')
            .ToArray()));
        return string.Join('\n', lines) + '\n';
    }

    private RgbFrame RenderFrame()
    {
        var side = Size * CellPixels;
        var pixels = new byte[side * side * 3];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var (row, column) = (y / CellPixels, x / CellPixels);
                // The cat orange, the post brown, the floor beige.
                (byte r, byte g, byte b) = IsCat(row, column) ? ((byte)255, (byte)140, (byte)0) : IsPost(row, column) ? ((byte)120, (byte)72, (byte)32) : ((byte)240, (byte)230, (byte)200);
                var offset = ((y * side) + x) * 3;
                pixels[offset] = r;
                pixels[offset + 1] = g;
                pixels[offset + 2] = b;
            }
        }

        return new RgbFrame(side, side, pixels);
    }

    private bool IsCat(int row, int column) => CurrentState == new MyTaskState(row, column);

    private bool IsPost(int row, int column) => row == Size - 1 && column == Size - 1;
}
