using RlGym.Agents.Common;
using RlGym.Agents.PolicyGradient;
using RlGym.Agents.Tests.Environments;
using RlGym.Core.Spaces;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.PolicyGradient;

/// <summary>gSDE (SB3's <c>use_sde</c>) in <see cref="ActorCriticPolicy"/> and <see cref="ActorCritic"/>.</summary>
public class StateDependentNoiseTests
{
    private const int Features = 3;
    private const int Actions = 2;

    [Fact]
    public void ActBatch_Sampling_LogProbIsTheTrainingDistributions()
    {
        using var policy = NewPolicy(seed: 1);
        var observations = RandomObservations(16, seed: 2);
        var actions = new float[16 * Actions];
        var logProbs = new float[16];

        policy.ResetNoise(16);
        policy.ActBatch(observations, 16, deterministic: false, actions, logProbs, new float[16]);

        using var scope = NewDisposeScope();
        var (expected, _, _) = policy.Network.Evaluate(tensor(observations, [16, Features]), tensor(actions, [16, Actions]));
        var trained = expected.data<float>().ToArray();
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(trained[i], logProbs[i], 3);
        }
    }

    [Fact]
    public void ActBatch_BetweenResets_HoldsEachCopysNoise()
    {
        using var policy = NewPolicy(seed: 3);
        var same = Enumerable.Repeat(RandomObservations(1, seed: 4), 4).SelectMany(o => o).ToArray();
        var first = new float[4 * Actions];
        var again = new float[4 * Actions];
        var redrawn = new float[4 * Actions];

        policy.ResetNoise(4);
        policy.ActBatch(same, 4, deterministic: false, first, new float[4], Span<float>.Empty);
        policy.ActBatch(same, 4, deterministic: false, again, new float[4], Span<float>.Empty);
        policy.ResetNoise(4);
        policy.ActBatch(same, 4, deterministic: false, redrawn, new float[4], Span<float>.Empty);

        Assert.Equal(first, again);
        Assert.NotEqual(first.AsSpan(0, Actions).ToArray(), first.AsSpan(Actions, Actions).ToArray()); // one matrix per copy
        Assert.NotEqual(first, redrawn);
    }

    [Fact]
    public void ResetNoise_ManyDraws_NoiseHasTheStateDependentStd()
    {
        const int copies = 4000;
        using var policy = NewPolicy(seed: 5);
        var observation = RandomObservations(1, seed: 6);
        var batch = Enumerable.Repeat(observation, copies).SelectMany(o => o).ToArray();
        var mean = new float[Actions];
        var actions = new float[copies * Actions];
        policy.ActBatch(observation, 1, deterministic: true, mean, new float[1], Span<float>.Empty);

        policy.ResetNoise(copies);
        policy.ActBatch(batch, copies, deterministic: false, actions, new float[copies], Span<float>.Empty);

        // σ_j(s)² = Σ_l φ_l(s)² exp(log σ_lj)², φ the actor's last hidden layer.
        using var scope = NewDisposeScope();
        var (_, latent) = policy.Network.ForwardWithLatent(tensor(observation, [1, Features]));
        var sigma = policy.Network.LogStd.exp();
        var expected = (latent * latent).mm(sigma * sigma).sqrt().data<float>().ToArray();
        for (var j = 0; j < Actions; j++)
        {
            var noise = Enumerable.Range(0, copies).Select(i => (double)actions[(i * Actions) + j] - mean[j]).ToArray();
            var std = Math.Sqrt(noise.Sum(x => x * x) / copies);
            Assert.InRange(std / expected[j], 0.95, 1.05);
        }
    }

    [Fact]
    public void Train_PpoWithSdeOnTargetReach_BeatsRandomClearly()
    {
        var overrides = new Dictionary<string, string>
        {
            ["use_sde"] = "true", ["sde_sample_freq"] = "4", ["num_steps"] = "64", ["learning_rate"] = "0.003", ["hidden_sizes"] = "32,32",
        };

        using var policy = new PpoAlgorithm().Train(AgentsTestHelpers.TargetReach(8192, overrides: overrides)).Policy;

        using var env = new TargetReachEnv();
        var learned = Evaluation.Run(policy, env, 100, seed: 9).MeanReturn;
        // Uniformly random actions score −8/3 ≈ −2.67 on average; a = 2x scores 0.
        Assert.True(learned > -0.3, $"mean return {learned}");
    }

    [Fact]
    public void Train_SdeWithDiscreteActions_ThrowsNamingBox()
    {
        var overrides = new Dictionary<string, string> { ["use_sde"] = "true" };

        var error = Assert.Throws<ArgumentException>(() => new PpoAlgorithm().Train(AgentsTestHelpers.Local("CartPole-v1", 10, overrides: overrides)));

        Assert.Contains("use_sde", error.Message, StringComparison.Ordinal);
        Assert.Contains("Box", error.Message, StringComparison.Ordinal);
    }

    private static ActorCriticPolicy NewPolicy(ulong seed)
    {
        var policy = TorchSetup.Seeded(seed, () => new ActorCriticPolicy(
            new Box<float>(-1.0, 1.0, [Features]), new Box<float>(-2.0, 2.0, [Actions]), [16, 16], logStdInit: -1, normalizeObservations: false, seed, maxBatch: 4000, stateDependentNoise: true));
        // Distinct σ per latent feature and action, so the test sees the matrix's layout.
        using (no_grad())
        {
            policy.Network.LogStd.copy_(rand(policy.Network.LogStd.shape).sub_(1.5));
        }

        return policy;
    }

    private static float[] RandomObservations(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * Features).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
