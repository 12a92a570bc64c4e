using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using RlGym.Agents.Common;
using RlGym.Core.Spaces;
using static TorchSharp.torch;

namespace RlGym.Agents.Continuous;

/// <summary>
/// The actor of SAC and TD3: a ReLU MLP whose output, squashed by tanh into [-1, 1], is rescaled to the Box's bounds.
/// Stochastic (SAC): the MLP outputs a Gaussian's mean and log std (see <see cref="SquashedGaussian"/>); the
/// deterministic action is <c>tanh(mean)</c>. Deterministic (TD3): the MLP outputs the pre-tanh action, and acting is
/// always deterministic (exploration noise is the algorithm's). Sampling for rollouts happens on the CPU side with a
/// seeded generator, as <see cref="PolicyGradient.ActorCriticPolicy"/> does.
/// </summary>
internal sealed class SquashedActorPolicy : ICheckpointPolicy
{
    public const string KindName = "squashed_actor";
    private const string ModelFile = "model.bin";

    private readonly int[] _hidden;
    private readonly float[] _single;
    private readonly float[] _squashed;
    private readonly Random _random;
    private readonly BatchInputs _inputs;
    private float[] _output = [];

    public SquashedActorPolicy(Space observationSpace, Space actionSpace, int[] hidden, bool stochastic, ulong seed)
    {
        TorchSetup.EnsureInitialized();
        Decoder = new ActionDecoder(actionSpace);
        if (Decoder.IsDiscrete || !Decoder.IsBounded)
        {
            throw new ArgumentException($"A squashed actor needs a float32 Box action space with finite bounds; got {actionSpace}.", nameof(actionSpace));
        }

        ObservationSpace = observationSpace;
        ActionSpace = actionSpace;
        Encoder = new ObservationEncoder(observationSpace);
        _inputs = new BatchInputs(Encoder.Features);
        IsStochastic = stochastic;
        _hidden = hidden;
        _single = new float[Encoder.Features];
        _squashed = new float[Decoder.Size];
        _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        Network = new Mlp("actor", Encoder.Features, hidden, stochastic ? 2 * Decoder.Size : Decoder.Size, relu: true, outputGain: null);
    }

    public Space ObservationSpace { get; }

    public Space ActionSpace { get; }

    public string Kind => KindName;

    /// <summary>The actor MLP: pre-tanh means then log stds (stochastic), or the pre-tanh action (deterministic).</summary>
    public Mlp Network { get; }

    public ObservationEncoder Encoder { get; }

    public ActionDecoder Decoder { get; }

    /// <summary>True for SAC's Gaussian actor, false for TD3's deterministic one.</summary>
    public bool IsStochastic { get; }

    public object Act(object observation, bool deterministic = true)
    {
        Encoder.Encode(observation, _single);
        ActBatch(_single, 1, deterministic, _squashed);
        var action = new float[Decoder.Size];
        Decoder.Unscale(_squashed, action);
        return action;
    }

    /// <summary>
    /// Actions in [-1, 1] for <paramref name="count"/> encoded observations: <c>tanh(mean)</c> when
    /// <paramref name="deterministic"/> or the actor is deterministic, otherwise <c>tanh(mean + σ·ε)</c>.
    /// </summary>
    public void ActBatch(Span<float> features, int count, bool deterministic, Span<float> squashed)
    {
        var size = Decoder.Size;
        var width = IsStochastic ? 2 * size : size;
        if (_output.Length < count * width)
        {
            _output = new float[count * width];
        }

        using (NewDisposeScope())
        using (no_grad())
        {
            var input = _inputs.For(count);
            input.bytes = MemoryMarshal.AsBytes(features[..(count * Encoder.Features)]);
            Network.forward(input).data<float>().CopyTo(_output.AsSpan(0, count * width));
        }

        for (var i = 0; i < count; i++)
        {
            var output = _output.AsSpan(i * width, width);
            for (var j = 0; j < size; j++)
            {
                double u = output[j];
                if (IsStochastic && !deterministic)
                {
                    var logStd = Math.Clamp(output[size + j], SquashedGaussian.LogStdMin, SquashedGaussian.LogStdMax);
                    u += Math.Exp(logStd) * ActionNoise.Gaussian(_random);
                }

                squashed[(i * size) + j] = (float)Math.Tanh(u);
            }
        }
    }

    public void Save(string directory, JsonObject manifest)
    {
        manifest["observation_space"] = SpaceJson.Write(ObservationSpace);
        manifest["action_space"] = SpaceJson.Write(ActionSpace);
        manifest["hidden_sizes"] = new JsonArray(_hidden.Select(h => (JsonNode)h).ToArray());
        manifest["stochastic"] = IsStochastic;
        manifest["model_file"] = ModelFile;
        Network.save(Path.Combine(directory, ModelFile));
    }

    public static SquashedActorPolicy Load(string directory, JsonObject manifest)
    {
        var hidden = manifest["hidden_sizes"]!.AsArray().Select(h => h!.GetValue<int>()).ToArray();
        var policy = new SquashedActorPolicy(
            SpaceJson.Read(manifest["observation_space"]!), SpaceJson.Read(manifest["action_space"]!), hidden, manifest["stochastic"]!.GetValue<bool>(), seed: 0);
        ModelFiles.Load(policy.Network, Path.Combine(directory, manifest["model_file"]!.GetValue<string>()), policy);
        return policy;
    }

    public void Dispose()
    {
        _inputs.Dispose();
        Network.Dispose();
    }
}
