using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Draws FrozenLake frames at Gymnasium's size: 64-pixel cells, at most 512 pixels a side; ice tiles with a
/// (180, 200, 230) outline, holes, the start stool, the goal present and the walker facing its last move (down after a
/// reset), or a cracked hole where it fell in.
/// </summary>
internal static class FrozenLakeRenderer
{
    private static readonly Color Ice = new(214, 236, 250);
    private static readonly Color IceShine = new(236, 247, 255);
    private static readonly Color Outline = new(180, 200, 230);

    /// <summary>Renders <paramref name="env"/>'s current state.</summary>
    public static RgbFrame Render(FrozenLakeEnv env)
    {
        var width = Math.Min(64 * env.Columns, 512);
        var height = Math.Min(64 * env.Rows, 512);
        var (cellWidth, cellHeight) = (width / env.Columns, height / env.Rows);
        var size = Math.Min(cellWidth, cellHeight);
        var canvas = new Canvas(height, width, Ice);
        for (var row = 0; row < env.Rows; row++)
        {
            for (var col = 0; col < env.Columns; col++)
            {
                var (x, y) = (col * cellWidth, row * cellHeight);
                canvas.FillRectangle(x + (cellWidth / 8), y + (cellHeight / 8), cellWidth / 4, Math.Max(1, cellHeight / 16), IceShine);
                switch (env.Map[row][col])
                {
                    case 'H':
                        ToyTextSprites.Hole(canvas, x, y, size, cracked: false);
                        break;
                    case 'G':
                        ToyTextSprites.Present(canvas, x, y, size);
                        break;
                    case 'S':
                        ToyTextSprites.Stool(canvas, x, y, size);
                        break;
                    default:
                        break;
                }

                DrawOutline(canvas, x, y, cellWidth, cellHeight);
            }
        }

        var (agentRow, agentCol) = (env.State / env.Columns, env.State % env.Columns);
        var (ax, ay) = (agentCol * cellWidth, agentRow * cellHeight);
        if (env.Map[agentRow][agentCol] == 'H')
        {
            ToyTextSprites.Hole(canvas, ax, ay, size, cracked: true);
            DrawOutline(canvas, ax, ay, cellWidth, cellHeight);
        }
        else
        {
            ToyTextSprites.Walker(canvas, ax, ay, size, env.LastAction ?? 1);
        }

        return canvas.ToFrame();
    }

    private static void DrawOutline(Canvas canvas, int x, int y, int width, int height)
    {
        canvas.FillRectangle(x, y, width, 1, Outline);
        canvas.FillRectangle(x, y + height - 1, width, 1, Outline);
        canvas.FillRectangle(x, y, 1, height, Outline);
        canvas.FillRectangle(x + width - 1, y, 1, height, Outline);
    }
}
