using System.CommandLine;
using System.CommandLine.Parsing;
#if RLGYM_AGENTS
using RlGym.Agents.Common;
#endif
using RlGym.Core;
using RlGym.Core.Rendering;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym play ENV|CHECKPOINT --out FILE.gif|FILE.png [--policy random] [--seed S] [--max-steps N] [--server ADDR]</c>:
/// plays one episode and renders it so a person can look at it: every frame as an animated GIF, or a contact sheet of
/// up to six frames spread over the episode as a PNG. Given an environment id it acts at random; given a checkpoint
/// directory (one that holds <c>checkpoint.json</c>, e.g. <c>runs/CartPole-v1_ppo_0/final</c>) it plays the
/// checkpoint's environment with the trained policy acting greedily (<c>--policy random</c> plays it at random
/// instead). <c>--gif</c> is another name for <c>--out</c>.
/// </summary>
internal sealed class PlayCommand : Command
{
    private readonly Argument<string> _env = new("ENV|CHECKPOINT") { Description = "Environment id (e.g. CartPole-v1), or a checkpoint directory written by rlgym train." };
    private readonly Option<FileInfo> _out = new("--out", "--gif") { Description = "Output file: .gif (every frame) or .png (a contact sheet).", Required = true };
    private readonly Option<string?> _policy = new("--policy")
    {
        Description = "How actions are chosen: random (the default for an environment id) or policy (the default for a checkpoint).",
        CustomParser = CliValues.OneOf("random", "policy"),
    };

    private readonly Option<ulong> _seed = new("--seed") { Description = "Seed for the environment and the policy. Default 0." };
    private readonly Option<int> _maxSteps = new("--max-steps") { Description = "Stop after this many steps. Default 500.", DefaultValueFactory = _ => 500, CustomParser = CliValues.Count };
    private readonly Option<string?> _server = new("--server") { Description = "Play on a server (e.g. http://127.0.0.1:50051) instead of in process." };

    public PlayCommand()
        : base("play", "Play one episode and render it to an animated GIF or a PNG contact sheet.")
    {
        _out.Validators.Add(ValidateOut);
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
        var target = parseResult.GetValue(_env)!;
        var file = parseResult.GetValue(_out)!;
        var extension = file.Extension.ToLowerInvariant();
        var isCheckpoint = Directory.Exists(target);
        var policyName = parseResult.GetValue(_policy) ?? (isCheckpoint ? "policy" : "random");
        if (policyName == "policy" && !isCheckpoint)
        {
            throw new ArgumentException($"--policy policy needs a checkpoint directory; '{target}' is an environment id (no such directory).");
        }

        var seed = parseResult.GetValue(_seed);
        var maxSteps = parseResult.GetValue(_maxSteps);
        var server = parseResult.GetValue(_server);
        using var loaded = isCheckpoint ? LoadCheckpoint(target) : null;
        var id = loaded?.EnvId ?? target;
        using var env = new EnvironmentSource(id, server).Make(RenderModes.RgbArray);
        Func<object, object> act = policyName == "policy"
            ? observation => loaded!.Act(observation)
            : _ => env.ActionSpace.SampleObject();
        var (frames, episodeReturn) = EpisodeRecording.Play(env, seed, maxSteps, act);
        var bytes = extension == ".gif"
            ? EpisodeRecording.ToGif(env, frames)
            : PngEncoder.Encode(ContactSheet(frames));
        File.WriteAllBytes(file.FullName, bytes);
        output.WriteLine($"{id}: {frames.Count - 1} steps, return {episodeReturn:G6}; wrote {file.FullName}");
        return 0;
    }

    /// <summary>A parse error unless <c>--out</c> names a .gif or a .png file.</summary>
    private static void ValidateOut(OptionResult result)
    {
        if (result.Tokens.Count > 0 && Path.GetExtension(result.Tokens[^1].Value).ToLowerInvariant() is not (".gif" or ".png"))
        {
            result.AddError($"{result.Option.Name}: '{result.Tokens[^1].Value}' is not a .gif or .png file; expected FILE.gif (every frame) or FILE.png (a contact sheet).");
        }
    }

#if RLGYM_AGENTS
    private static LoadedPolicy LoadCheckpoint(string directory)
    {
        var checkpoint = Checkpoint.Load(directory);
        return new LoadedPolicy(checkpoint.EnvId, observation => checkpoint.Policy.Act(observation, deterministic: true), checkpoint);
    }
#else
    private static LoadedPolicy LoadCheckpoint(string directory) =>
        throw new NotSupportedException($"'{directory}' is a checkpoint directory, but this rlgym was built without the agents (RlGymAgents=false); play an environment id instead.");
#endif

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

    /// <summary>A checkpoint's environment id and its policy (<paramref name="act"/>: observation to greedy action).</summary>
    private sealed class LoadedPolicy(string envId, Func<object, object> act, IDisposable owner) : IDisposable
    {
        public string EnvId => envId;

        public object Act(object observation) => act(observation);

        public void Dispose() => owner.Dispose();
    }
}
