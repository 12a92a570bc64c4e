using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>Draws FrozenLake frames.</summary>
internal static class FrozenLakeRenderer
{
    /// <summary>Renders <paramref name="env"/>'s current state.</summary>
    public static RgbFrame Render(FrozenLakeEnv env) => new(Math.Min(64 * env.Rows, 512), Math.Min(64 * env.Columns, 512), new byte[Math.Min(64 * env.Rows, 512) * Math.Min(64 * env.Columns, 512) * 3]);
}
