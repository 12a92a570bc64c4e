namespace RlGym.Core;

/// <summary>The render mode names Gymnasium uses.</summary>
public static class RenderModes
{
    /// <summary>Frames as H x W x 3 uint8 arrays.</summary>
    public const string RgbArray = "rgb_array";

    /// <summary>Frames as text (toy-text environments).</summary>
    public const string Ansi = "ansi";
}
