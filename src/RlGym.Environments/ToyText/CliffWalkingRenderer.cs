using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>Draws CliffWalking frames.</summary>
internal static class CliffWalkingRenderer
{
    /// <summary>Renders <paramref name="env"/>'s current state.</summary>
    public static RgbFrame Render(CliffWalkingEnv env) => new(240, 720, new byte[240 * 720 * 3]);
}
