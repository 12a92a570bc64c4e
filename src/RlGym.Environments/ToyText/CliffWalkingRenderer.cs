using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Draws CliffWalking frames at Gymnasium's size (60-pixel cells, 240 x 720): a checkerboard of mountain grass, the
/// cliff with its edge on the cells above, the start stool, the goal cookie and the walker (raised by a tenth of a
/// cell, as Gymnasium draws it) facing its last move, down after a reset.
/// </summary>
internal static class CliffWalkingRenderer
{
    private const int Cell = 60;
    private static readonly Color[] Grass = [new(120, 170, 90), new(105, 155, 80)];
    private static readonly Color Rock = new(85, 70, 60);
    private static readonly Color Abyss = new(35, 30, 30);

    /// <summary>Renders <paramref name="env"/>'s current state.</summary>
    public static RgbFrame Render(CliffWalkingEnv env)
    {
        var canvas = new Canvas(CliffWalkingEnv.Rows * Cell, CliffWalkingEnv.Columns * Cell);
        for (var s = 0; s < CliffWalkingEnv.Rows * CliffWalkingEnv.Columns; s++)
        {
            var (row, col) = (s / CliffWalkingEnv.Columns, s % CliffWalkingEnv.Columns);
            var (x, y) = (col * Cell, row * Cell);
            canvas.FillRectangle(x, y, Cell, Cell, Grass[(row % 2) ^ (col % 2)]);
            if (CliffWalkingEnv.IsCliff(s))
            {
                canvas.FillRectangle(x, y, Cell, Cell, Abyss);
                canvas.FillPolygon([(x, y), (x + Cell, y), (x + (Cell * 0.8), y + (Cell * 0.25)), (x + (Cell * 0.2), y + (Cell * 0.3))], Rock);
            }

            if (row < CliffWalkingEnv.Rows - 1 && CliffWalkingEnv.IsCliff(s + CliffWalkingEnv.Columns))
            {
                // The cell above the cliff shows the crumbling edge.
                canvas.FillRectangle(x, y + (Cell * 4 / 5), Cell, Cell / 5, Rock);
            }

            if (s == CliffWalkingEnv.StartState)
            {
                ToyTextSprites.Stool(canvas, x, y, Cell);
            }

            if (s == CliffWalkingEnv.GoalState)
            {
                ToyTextSprites.Cookie(canvas, x, y, Cell);
            }

            if (s == env.State)
            {
                // Gymnasium's elf sprites are ordered up, right, down, left; the walker sprite takes left, down, right, up.
                var facing = (env.LastAction ?? 2) switch
                {
                    0 => 3,
                    1 => 2,
                    2 => 1,
                    _ => 0,
                };
                ToyTextSprites.Walker(canvas, x, y - (0.1 * Cell), Cell, facing);
            }
        }

        return canvas.ToFrame();
    }
}
