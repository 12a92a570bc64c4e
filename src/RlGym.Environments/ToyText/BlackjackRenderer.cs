using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>Draws Blackjack frames.</summary>
internal static class BlackjackRenderer
{
    /// <summary>Renders <paramref name="env"/>'s current state.</summary>
    public static RgbFrame Render(BlackjackEnv env) => new(500, 600, new byte[500 * 600 * 3]);
}
