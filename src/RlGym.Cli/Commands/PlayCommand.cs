using System.CommandLine;
using RlGym.Client;
using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Environments;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym play ENV --out FILE.gif|FILE.png [--policy random] [--seed S] [--max-steps N] [--server ADDR]</c>: plays
/// one episode and renders it so a person can look at it: every frame as an animated GIF, or a contact sheet of up to
/// six frames spread over the episode as a PNG.
/// </summary>
internal sealed class PlayCommand : Command
{
    private readonly Argument<string> _env = new("ENV") { Description = "Environment id, e.g. CartPole-v1." };
    private readonly Option<FileInfo> _out = new("--out") { Description = "Output file: .gif (every frame) or .png (a contact sheet).", Required = true };
    private readonly Option<string> _policy = new("--policy") { Description = "How actions are chosen: random. Default random.", DefaultValueFactory = _ => "random" };
    private readonly Option<ulong> _seed = new("--seed") { Description = "Seed for the environment and the policy. Default 0." };
    private readonly Option<int> _maxSteps = new("--max-steps") { Description = "Stop after this many steps. Default 500.", DefaultValueFactory = _ => 500 };
    private readonly Option<string?> _server = new("--server") { Description = "Play on a server (e.g. http://127.0.0.1:50051) instead of in process." };

    public PlayCommand()
        : base("play", "Play one episode and render it to an animated GIF or a PNG contact sheet.")
    {
        Add(_env);
        Add(_out);
        Add(_policy);
        Add(_seed);
        Add(_maxSteps);
        Add(_server);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var id = parseResult.GetValue(_env)!;
        var file = parseResult.GetValue(_out)!;
        var extension = file.Extension.ToLowerInvariant();
        if (extension is not (".gif" or ".png"))
        {
            error.WriteLine($"--out must end in .gif or .png, got '{file.Name}'.");
            return 2;
        }

        if (parseResult.GetValue(_policy) is not "random")
        {
            error.WriteLine($"Unknown policy '{parseResult.GetValue(_policy)}'; available: random.");
            return 2;
        }

        var seed = parseResult.GetValue(_seed);
        var maxSteps = parseResult.GetValue(_maxSteps);
        var server = parseResult.GetValue(_server);
        try
        {
            using var env = server is null
                ? Gym.Make(id, renderMode: RenderModes.RgbArray)
                : RemoteEnv.Make(id, new RemoteEnvOptions { Address = server }, renderMode: RenderModes.RgbArray);
            var (frames, episodeReturn) = PlayEpisode(env, seed, maxSteps);
            var bytes = extension == ".gif"
                ? GifEncoder.Encode(frames, Math.Max(1, env.Metadata.RenderFps))
                : PngEncoder.Encode(ContactSheet(frames));
            File.WriteAllBytes(file.FullName, bytes);
            output.WriteLine($"{id}: {frames.Count - 1} steps, return {episodeReturn:G6}; wrote {file.FullName}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidOperationException or RemoteEnvException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    private static (List<RgbFrame> Frames, double Return) PlayEpisode(IEnv env, ulong seed, int maxSteps)
    {
        env.ActionSpace.Seed(seed);
        env.ResetObject(seed);
        var frames = new List<RgbFrame> { Frame(env) };
        var episodeReturn = 0.0;
        for (var t = 0; t < maxSteps; t++)
        {
            var step = env.StepObject(env.ActionSpace.SampleObject());
            episodeReturn += step.Reward;
            frames.Add(Frame(env));
            if (step.Terminated || step.Truncated)
            {
                break;
            }
        }

        return (frames, episodeReturn);
    }

    private static RgbFrame Frame(IEnv env) =>
        env.Render() as RgbFrame ?? throw new InvalidOperationException($"{env.Spec?.Id} did not render an rgb_array frame.");

    /// <summary>Up to six frames spread evenly over the episode (first and last included), three per row.</summary>
    private static RgbFrame ContactSheet(IReadOnlyList<RgbFrame> frames)
    {
        var count = Math.Min(6, frames.Count);
        var picks = Enumerable.Range(0, count).Select(i => frames[count == 1 ? 0 : i * (frames.Count - 1) / (count - 1)]).ToArray();
        const int Gap = 4;
        var columns = Math.Min(3, count);
        var rows = (count + columns - 1) / columns;
        var (height, width) = (picks[0].Height, picks[0].Width);
        var sheet = new Canvas((rows * (height + Gap)) + Gap, (columns * (width + Gap)) + Gap, Color.Gray);
        for (var i = 0; i < count; i++)
        {
            sheet.DrawFrame(picks[i], Gap + ((i % columns) * (width + Gap)), Gap + ((i / columns) * (height + Gap)));
        }

        return sheet.ToFrame();
    }
}
