using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>Draws Taxi frames.</summary>
internal static class TaxiRenderer
{
    /// <summary>Renders <paramref name="env"/>'s current state.</summary>
    public static RgbFrame Render(TaxiEnv env) => new(350, 550, new byte[350 * 550 * 3]);
}
