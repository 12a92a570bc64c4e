using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using RlGym.Agents.Common;
using RlGym.Core.Spaces;
using static TorchSharp.torch;

namespace RlGym.Agents.PolicyGradient;

/// <summary>
/// The policy of PPO, A2C and REINFORCE: an <see cref="ActorCritic"/> plus the observation encoding, the optional
/// observation normalisation statistics and the action decoding. Rollouts call <see cref="ActBatch"/> once per step
/// for all copies; sampling happens on the CPU side with a seeded generator, so a run is reproducible. With gSDE each
/// copy explores with its own noise matrix, drawn by <see cref="ResetNoise"/> and held between draws.
/// </summary>
internal sealed class ActorCriticPolicy : ICheckpointPolicy
{
    public const string KindName = "actor_critic";
    private const string ModelFile = "model.bin";

    private readonly ActionDecoder _decoder;
    private readonly int[] _hidden;
    private readonly float[] _single;
    private readonly float[] _output;
    private readonly float[] _values;
    private readonly float[] _std;
    private readonly float[] _latent;
    private readonly Random _random;
    private float[] _exploration = [];
    private readonly BatchInputs _inputs;

    public ActorCriticPolicy(
        Space observationSpace, Space actionSpace, int[] hidden, double logStdInit, bool normalizeObservations, ulong seed, int maxBatch = 1,
        bool stateDependentNoise = false)
    {
        TorchSetup.EnsureInitialized();
        ObservationSpace = observationSpace;
        ActionSpace = actionSpace;
        Encoder = new ObservationEncoder(observationSpace);
        _inputs = new BatchInputs(Encoder.Features);
        _decoder = new ActionDecoder(actionSpace);
        _hidden = hidden;
        Network = new ActorCritic(Encoder.Features, _decoder.Size, _decoder.IsDiscrete, hidden, logStdInit, stateDependentNoise);
        ObservationStats = normalizeObservations ? new RunningMeanStd(Encoder.Features) : null;
        _single = new float[Encoder.Features];
        _output = new float[Math.Max(1, maxBatch) * _decoder.Size];
        _values = new float[Math.Max(1, maxBatch)];
        _std = new float[Network.LogStd.numel()];
        _latent = stateDependentNoise ? new float[Math.Max(1, maxBatch) * Network.LatentSize] : [];
        _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
    }

    public Space ObservationSpace { get; }

    public Space ActionSpace { get; }

    public string Kind => KindName;

    public ActorCritic Network { get; }

    public ObservationEncoder Encoder { get; }

    public ActionDecoder Decoder => _decoder;

    /// <summary>Running observation statistics (null when observations are not normalised); frozen outside training.</summary>
    public RunningMeanStd? ObservationStats { get; private set; }

    /// <summary>
    /// gSDE: draws a fresh noise matrix (φ's width × actions, entries ~ N(0, σ²) at the current log σ) for each of
    /// <paramref name="copies"/> copies; their actions then vary smoothly with the state until the next draw.
    /// </summary>
    public void ResetNoise(int copies)
    {
        if (!Network.StateDependentNoise)
        {
            return;
        }

        ReadStd();
        if (_exploration.Length != copies * _std.Length)
        {
            _exploration = new float[copies * _std.Length];
        }

        for (var k = 0; k < _exploration.Length; k++)
        {
            _exploration[k] = (float)(_std[k % _std.Length] * ActionNoise.Gaussian(_random));
        }
    }

    public object Act(object observation, bool deterministic = true)
    {
        Encoder.Encode(observation, _single);
        ObservationStats?.Normalise(_single);
        var action = new float[_decoder.StoredSize];
        ActBatch(_single, 1, deterministic, action, stackalloc float[1], Span<float>.Empty);
        if (_decoder.IsDiscrete)
        {
            return _decoder.Start + (int)action[0];
        }

        _decoder.Clip(action);
        return action;
    }

    /// <summary>
    /// Chooses actions for <paramref name="count"/> encoded (and normalised) observations: Discrete action indices
    /// (from 0, as floats) or unclipped Gaussian samples, with their log-probabilities and the critic's values
    /// (skipped when <paramref name="values"/> is empty).
    /// </summary>
    public void ActBatch(Span<float> features, int count, bool deterministic, Span<float> actions, Span<float> logProbs, Span<float> values)
    {
        var size = _decoder.Size;
        using (NewDisposeScope())
        using (no_grad())
        {
            var input = _inputs.For(count);
            input.bytes = MemoryMarshal.AsBytes(features[..(count * Encoder.Features)]);
            var (output, latent) = Network.ForwardWithLatent(input);
            output.data<float>().CopyTo(_output.AsSpan(0, count * size));
            if (Network.StateDependentNoise)
            {
                latent.data<float>().CopyTo(_latent.AsSpan(0, count * Network.LatentSize));
            }

            if (!values.IsEmpty)
            {
                Network.Value(input).data<float>().CopyTo(_values.AsSpan(0, count));
            }

            if (!_decoder.IsDiscrete)
            {
                ReadStd();
            }
        }

        if (Network.StateDependentNoise && !deterministic && _exploration.Length < count * _std.Length)
        {
            ResetNoise(count);
        }

        if (!values.IsEmpty)
        {
            _values.AsSpan(0, count).CopyTo(values);
        }
        for (var i = 0; i < count; i++)
        {
            var output = _output.AsSpan(i * size, size);
            if (_decoder.IsDiscrete)
            {
                var max = float.NegativeInfinity;
                var best = 0;
                for (var a = 0; a < size; a++)
                {
                    if (output[a] > max)
                    {
                        (max, best) = (output[a], a);
                    }
                }

                double sum = 0;
                for (var a = 0; a < size; a++)
                {
                    sum += Math.Exp(output[a] - max);
                }

                var chosen = best;
                if (!deterministic)
                {
                    var u = _random.NextDouble() * sum;
                    chosen = size - 1;
                    for (var a = 0; a < size; a++)
                    {
                        u -= Math.Exp(output[a] - max);
                        if (u < 0)
                        {
                            chosen = a;
                            break;
                        }
                    }
                }

                actions[i] = chosen;
                logProbs[i] = (float)(output[chosen] - max - Math.Log(sum));
            }
            else if (Network.StateDependentNoise)
            {
                // σ_j(s) = sqrt(Σ_l φ_l² σ_lj² + ε); the action is the mean plus φ · (this copy's noise matrix).
                var latentSize = Network.LatentSize;
                var latent = _latent.AsSpan(i * latentSize, latentSize);
                var matrix = deterministic ? default : _exploration.AsSpan(i * _std.Length, _std.Length);
                double logProb = 0;
                for (var j = 0; j < size; j++)
                {
                    double variance = ActorCritic.SdeVarianceEpsilon, noise = 0;
                    for (var l = 0; l < latentSize; l++)
                    {
                        var sigma = (double)_std[(l * size) + j];
                        variance += latent[l] * latent[l] * sigma * sigma;
                        noise += deterministic ? 0 : latent[l] * (double)matrix[(l * size) + j];
                    }

                    var std = Math.Sqrt(variance);
                    actions[(i * size) + j] = (float)(output[j] + noise);
                    logProb += GaussianLogDensity(noise / std, std);
                }

                logProbs[i] = (float)logProb;
            }
            else
            {
                double logProb = 0;
                for (var j = 0; j < size; j++)
                {
                    var z = deterministic ? 0 : ActionNoise.Gaussian(_random);
                    actions[(i * size) + j] = (float)(output[j] + (_std[j] * z));
                    logProb += GaussianLogDensity(z, _std[j]);
                }

                logProbs[i] = (float)logProb;
            }
        }
    }

    public void Save(string directory, JsonObject manifest)
    {
        manifest["observation_space"] = SpaceJson.Write(ObservationSpace);
        manifest["action_space"] = SpaceJson.Write(ActionSpace);
        manifest["hidden_sizes"] = new JsonArray(_hidden.Select(h => (JsonNode)h).ToArray());
        manifest["model_file"] = ModelFile;
        if (Network.StateDependentNoise)
        {
            manifest["state_dependent_noise"] = true;
        }

        if (ObservationStats is { } stats)
        {
            manifest["observation_normalization"] = new JsonObject
            {
                ["mean"] = new JsonArray(stats.Mean.Select(v => (JsonNode)v).ToArray()),
                ["var"] = new JsonArray(stats.Variance.Select(v => (JsonNode)v).ToArray()),
                ["count"] = stats.Count,
                ["clip"] = 10.0,
                ["epsilon"] = 1e-8,
            };
        }

        Network.save(Path.Combine(directory, ModelFile));
    }

    public static ActorCriticPolicy Load(string directory, JsonObject manifest)
    {
        var hidden = manifest["hidden_sizes"]!.AsArray().Select(h => h!.GetValue<int>()).ToArray();
        var normalization = manifest["observation_normalization"];
        var policy = new ActorCriticPolicy(
            SpaceJson.Read(manifest["observation_space"]!), SpaceJson.Read(manifest["action_space"]!), hidden, 0, normalizeObservations: false, seed: 0,
            stateDependentNoise: manifest["state_dependent_noise"]?.GetValue<bool>() ?? false);
        if (normalization is not null)
        {
            policy.ObservationStats = new RunningMeanStd(
                normalization["mean"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray(),
                normalization["var"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray(),
                normalization["count"]!.GetValue<double>());
        }

        ModelFiles.Load(policy.Network, Path.Combine(directory, manifest["model_file"]!.GetValue<string>()), policy);
        return policy;
    }

    public void Dispose()
    {
        _inputs.Dispose();
        Network.Dispose();
    }

    // σ (exp log σ) into _std; disposes its one temporary itself, so it needs no dispose scope of the caller's.
    private void ReadStd()
    {
        using var noGrad = no_grad();
        using var std = Network.LogStd.exp();
        std.data<float>().CopyTo(_std);
    }

    // log N(z σ; 0, σ²) of one action dimension, z the standardised noise.
    private static double GaussianLogDensity(double z, double std) => (-0.5 * z * z) - Math.Log(std) - (0.5 * Math.Log(2 * Math.PI));
}
