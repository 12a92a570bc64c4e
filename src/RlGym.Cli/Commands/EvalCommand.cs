using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RlGym.Agents.Common;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym eval CHECKPOINT [--episodes 100] [--seed S] [--server ADDR] [--json]</c>: runs a trained policy greedily on
/// the environment its checkpoint names and prints mean ± std return, the success rate where the environment defines
/// one, and the mean episode length. <c>--json</c> prints one object: <c>mean_return</c>, <c>std_return</c>,
/// <c>success_rate</c> (null where undefined), <c>mean_length</c>, <c>episodes</c>, <c>env</c>, <c>algorithm</c>.
/// </summary>
internal sealed class EvalCommand : Command
{
    private readonly Argument<DirectoryInfo> _checkpoint = new("CHECKPOINT") { Description = "A checkpoint directory (holds checkpoint.json), e.g. runs/CartPole-v1_ppo_0/final." };
    private readonly Option<int> _episodes = new("--episodes") { Description = "Episodes to run. Default 100.", DefaultValueFactory = _ => 100, CustomParser = CliValues.Count };
    private readonly Option<ulong> _seed = new("--seed") { Description = "Seed of the first episode (episode i uses seed + i). Default 0." };
    private readonly Option<string?> _server = new("--server") { Description = "Evaluate on a server (e.g. http://127.0.0.1:50051) instead of in process." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object instead of text." };

    public EvalCommand()
        : base("eval", "Evaluate a trained checkpoint: mean ± std return, success rate, mean episode length.")
    {
        Add(_checkpoint);
        Add(_episodes);
        Add(_seed);
        Add(_server);
        Add(_json);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var directory = parseResult.GetValue(_checkpoint)!;
        var episodes = parseResult.GetValue(_episodes);
        using var checkpoint = Checkpoint.Load(directory.FullName);
        using var env = new EnvironmentSource(checkpoint.EnvId, parseResult.GetValue(_server)).Make();
        var result = Evaluation.Run(checkpoint.Policy, env, episodes, parseResult.GetValue(_seed));
        if (parseResult.GetValue(_json))
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["mean_return"] = result.MeanReturn,
                ["std_return"] = result.StdReturn,
                ["success_rate"] = result.SuccessRate,
                ["mean_length"] = result.MeanLength,
                ["episodes"] = episodes,
                ["env"] = checkpoint.EnvId,
                ["algorithm"] = checkpoint.Algorithm,
            }));
        }
        else
        {
            var success = result.SuccessRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "not defined";
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{checkpoint.EnvId} ({checkpoint.Algorithm}), {episodes} episodes: return {result.MeanReturn:G6} ± {result.StdReturn:G4}, success {success}, mean length {result.MeanLength:G6}"));
        }

        return 0;
    }
}
