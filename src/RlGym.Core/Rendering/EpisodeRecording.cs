namespace RlGym.Core.Rendering;

/// <summary>Plays one episode on an environment made with <c>rgb_array</c> rendering and keeps every frame: what <c>rlgym play</c> and <c>rlgym train --capture-video</c> turn into a GIF.</summary>
public static class EpisodeRecording
{
    /// <summary>
    /// Resets <paramref name="env"/> with <paramref name="seed"/> (its action space too), then steps it with
    /// <paramref name="act"/> until the episode ends or <paramref name="maxSteps"/> steps: the reset frame and one frame
    /// per step, and the episode's return.
    /// </summary>
    /// <exception cref="InvalidOperationException">The environment does not render rgb_array frames.</exception>
    public static (List<RgbFrame> Frames, double Return) Play(IEnv env, ulong seed, int maxSteps, Func<object, object> act)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(act);
        env.ActionSpace.Seed(seed);
        var observation = env.ResetObject(seed).Observation;
        var frames = new List<RgbFrame> { Frame(env) };
        var episodeReturn = 0.0;
        for (var t = 0; t < maxSteps; t++)
        {
            var step = env.StepObject(act(observation));
            observation = step.Observation;
            episodeReturn += step.Reward;
            frames.Add(Frame(env));
            if (step.Terminated || step.Truncated)
            {
                break;
            }
        }

        return (frames, episodeReturn);
    }

    /// <summary>An animated GIF of <paramref name="frames"/> at the environment's render speed.</summary>
    public static byte[] ToGif(IEnv env, IReadOnlyList<RgbFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(env);
        return GifEncoder.Encode(frames, Math.Max(1, env.Metadata.RenderFps));
    }

    private static RgbFrame Frame(IEnv env) =>
        env.Render() as RgbFrame ?? throw new InvalidOperationException($"{env.Spec?.Id} did not render an rgb_array frame.");
}
