using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlGym.Agents.Common;

/// <summary>
/// Where a saved run stands, as its <c>training_state.json</c> says (written next to the checkpoint by algorithms that
/// can be resumed): what <c>rlgym train --resume DIR</c> continues.
/// </summary>
/// <param name="Algorithm">The algorithm that trained it, e.g. <c>ppo</c>.</param>
/// <param name="EnvId">The environment id it trained on.</param>
/// <param name="Seed">The seed it trained with.</param>
/// <param name="Steps">The env steps it had trained for when it was saved.</param>
public sealed record ResumePoint(string Algorithm, string EnvId, ulong Seed, long Steps)
{
    /// <summary>The manifest's file name in a checkpoint directory.</summary>
    public const string ManifestFile = "training_state.json";

    /// <summary>The format version written; reading rejects others.</summary>
    public const int FormatVersion = 1;

    /// <summary>Reads the resume point saved in <paramref name="checkpointDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">The directory holds no training state (the message names the file).</exception>
    /// <exception cref="InvalidDataException">The manifest is corrupt or of another format version.</exception>
    public static ResumePoint Read(string checkpointDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointDirectory);
        var path = Path.Combine(Path.GetFullPath(checkpointDirectory), ManifestFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No training state to resume from: {path} does not exist.", path);
        }

        try
        {
            var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var format = manifest["format"]?.GetValue<int>();
            if (format != FormatVersion)
            {
                throw new InvalidDataException($"{path} has training-state format {format?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}; this version reads format {FormatVersion}.");
            }

            return new ResumePoint(
                manifest["algorithm"]!.GetValue<string>(), manifest["env_id"]!.GetValue<string>(), manifest["seed"]!.GetValue<ulong>(), manifest["steps"]!.GetValue<long>());
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Writes this point as <see cref="ManifestFile"/> into <paramref name="checkpointDirectory"/>.</summary>
    internal void Write(string checkpointDirectory)
    {
        var manifest = new JsonObject
        {
            ["format"] = FormatVersion,
            ["algorithm"] = Algorithm,
            ["env_id"] = EnvId,
            ["seed"] = Seed,
            ["steps"] = Steps,
        };
        File.WriteAllText(Path.Combine(checkpointDirectory, ManifestFile), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
