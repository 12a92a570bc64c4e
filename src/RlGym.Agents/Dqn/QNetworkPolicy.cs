using System.Text.Json.Nodes;
using RlGym.Agents.Common;
using RlGym.Core.Spaces;
using static TorchSharp.torch;

namespace RlGym.Agents.Dqn;

/// <summary>A Q network over encoded observations; acts greedily (ties to the lowest action) whether or not deterministic.</summary>
internal sealed class QNetworkPolicy : ICheckpointPolicy
{
    public const string KindName = "q_network";
    private const string ModelFile = "model.bin";

    private readonly ObservationEncoder _encoder;
    private readonly Discrete _actions;
    private readonly int[] _hidden;
    private readonly float[] _features;

    public QNetworkPolicy(Space observationSpace, Discrete actionSpace, int[] hidden)
    {
        TorchSetup.EnsureInitialized();
        ObservationSpace = observationSpace;
        ActionSpace = actionSpace;
        _actions = actionSpace;
        _encoder = new ObservationEncoder(observationSpace);
        _hidden = hidden;
        _features = new float[_encoder.Features];
        Network = new Mlp("q_network", _encoder.Features, hidden, actionSpace.N, relu: true, outputGain: null);
    }

    public Space ObservationSpace { get; }

    public Space ActionSpace { get; }

    public string Kind => KindName;

    public Mlp Network { get; }

    public ObservationEncoder Encoder => _encoder;

    public int[] Hidden => _hidden;

    public object Act(object observation, bool deterministic = true)
    {
        _encoder.Encode(observation, _features);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var q = Network.forward(tensor(_features).unsqueeze(0));
        return _actions.Start + (int)q.argmax(1).item<long>();
    }

    public void Save(string directory, JsonObject manifest)
    {
        manifest["observation_space"] = SpaceJson.Write(ObservationSpace);
        manifest["action_space"] = SpaceJson.Write(ActionSpace);
        manifest["hidden_sizes"] = new JsonArray(_hidden.Select(h => (JsonNode)h).ToArray());
        manifest["model_file"] = ModelFile;
        Network.save(Path.Combine(directory, ModelFile));
    }

    public static QNetworkPolicy Load(string directory, JsonObject manifest)
    {
        var hidden = manifest["hidden_sizes"]!.AsArray().Select(h => h!.GetValue<int>()).ToArray();
        var policy = new QNetworkPolicy(SpaceJson.Read(manifest["observation_space"]!), (Discrete)SpaceJson.Read(manifest["action_space"]!), hidden);
        ModelFiles.Load(policy.Network, Path.Combine(directory, manifest["model_file"]!.GetValue<string>()), policy);
        return policy;
    }

    public void Dispose() => Network.Dispose();
}
