using System.Text.Json;
using System.Text.Json.Nodes;
using RlGym.Agents.Continuous;
using RlGym.Agents.Dqn;
using RlGym.Agents.PolicyGradient;
using RlGym.Agents.Tabular;

namespace RlGym.Agents.Common;

/// <summary>
/// A saved policy: a directory holding <c>checkpoint.json</c> (format, algorithm, env id, options, spaces, network
/// shape, normalisation statistics) and the weights (<c>model.bin</c>, TorchSharp format) or Q table
/// (<c>q_table.json</c>). A loaded policy acts exactly as the saved one did. Disposing releases the policy.
/// </summary>
public sealed class Checkpoint : IDisposable
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "checkpoint.json";

    /// <summary>The format version written; loading rejects others.</summary>
    public const int FormatVersion = 1;

    private Checkpoint(string algorithm, string envId, IPolicy policy, IReadOnlyDictionary<string, string> options)
    {
        Algorithm = algorithm;
        EnvId = envId;
        Policy = policy;
        Options = options;
    }

    /// <summary>The algorithm that trained the policy, e.g. <c>ppo</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The environment id the policy was trained on.</summary>
    public string EnvId { get; }

    /// <summary>The policy, ready to act.</summary>
    public IPolicy Policy { get; }

    /// <summary>The options it was trained with (snake_case key → value).</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>Writes <paramref name="policy"/> into <paramref name="directory"/> (created when missing; files replaced).</summary>
    /// <returns>The directory's full path.</returns>
    /// <exception cref="ArgumentException">The policy was not made by this library.</exception>
    public static string Save(string directory, string algorithm, string envId, IPolicy policy, IReadOnlyDictionary<string, string> options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        if (policy is not ICheckpointPolicy savable)
        {
            throw new ArgumentException($"Only policies trained by RlGym.Agents can be saved; got {policy.GetType().Name}.", nameof(policy));
        }

        var full = Path.GetFullPath(directory);
        Directory.CreateDirectory(full);
        var policyNode = new JsonObject { ["kind"] = savable.Kind };
        var manifest = new JsonObject
        {
            ["format"] = FormatVersion,
            ["algorithm"] = algorithm,
            ["env_id"] = envId,
            ["options"] = new JsonObject(options.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["policy"] = policyNode,
        };
        savable.Save(full, policyNode);
        File.WriteAllText(Path.Combine(full, ManifestFile), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return full;
    }

    /// <summary>Loads the checkpoint in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The directory or one of its files is missing (the message names it).</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or of another format version (the message names it).</exception>
    public static Checkpoint Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var manifestPath = Path.Combine(Path.GetFullPath(directory), ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"No checkpoint at '{directory}': {manifestPath} does not exist.", manifestPath);
        }

        try
        {
            var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
            var format = manifest["format"]?.GetValue<int>();
            if (format != FormatVersion)
            {
                throw new InvalidDataException($"{manifestPath} has checkpoint format {format?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}; this version reads format {FormatVersion}.");
            }

            var policyNode = manifest["policy"]!.AsObject();
            var full = Path.GetDirectoryName(manifestPath)!;
            IPolicy policy = policyNode["kind"]!.GetValue<string>() switch
            {
                TabularPolicy.KindName => TabularPolicy.Load(full, policyNode),
                QNetworkPolicy.KindName => QNetworkPolicy.Load(full, policyNode),
                ActorCriticPolicy.KindName => ActorCriticPolicy.Load(full, policyNode),
                SquashedActorPolicy.KindName => SquashedActorPolicy.Load(full, policyNode),
                var other => throw new InvalidDataException($"{manifestPath} names an unknown policy kind '{other}'."),
            };
            var options = manifest["options"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal);
            return new Checkpoint(manifest["algorithm"]!.GetValue<string>(), manifest["env_id"]!.GetValue<string>(), policy, options);
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{manifestPath} is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Disposes the policy.</summary>
    public void Dispose() => Policy.Dispose();
}
