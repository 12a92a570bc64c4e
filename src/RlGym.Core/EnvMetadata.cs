namespace RlGym.Core;

/// <summary>Gymnasium's <c>env.metadata</c>: render modes and frame rate, plus the reward's Python type.</summary>
/// <param name="RenderModes">Supported render modes, e.g. <c>rgb_array</c> and <c>ansi</c>.</param>
/// <param name="RenderFps">Frames per second at which rendered frames are meant to be shown.</param>
/// <param name="RewardType">Python type of the rewards.</param>
public sealed record EnvMetadata(IReadOnlyList<string> RenderModes, int RenderFps, RewardType RewardType = RewardType.Float)
{
    /// <summary>Metadata of an environment that cannot render.</summary>
    public static EnvMetadata None { get; } = new([], 0);
}
