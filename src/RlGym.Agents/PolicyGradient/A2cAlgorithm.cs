using RlGym.Agents.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.PolicyGradient;

/// <summary>
/// Advantage actor-critic, synchronous (Mnih et al. 2016; Stable-Baselines3's A2C): short rollouts from every copy,
/// n-step / GAE advantages, then one RMSprop step on policy loss, value loss and entropy bonus. Shares PPO's rollout
/// machinery, including the truncation bootstrap.
/// </summary>
public sealed class A2cAlgorithm : Algorithm<A2cOptions>
{
    /// <inheritdoc />
    public override string Name => "a2c";

    /// <inheritdoc />
    public override bool SupportsResume => true;

    /// <inheritdoc />
    protected override A2cOptions Preset(string envId) => A2cOptions.For(envId);

    /// <inheritdoc />
    protected override TrainResult Train(A2cOptions o, TrainRequest request, CancellationToken cancellationToken)
    {
        // 1. Options, seeding, environments, agent, optimiser and storage.
        TorchSetup.EnsureInitialized();
        using var run = new TrainingRun(request, Name, OptionsBinder.ToDictionary(o));
        using var envs = new VectorStepper(request.MakeVectorEnv(o.NumEnvs), run);
        var n = envs.NumEnvs;
        var policy = TorchSetup.Seeded(request.Seed, () => new ActorCriticPolicy(envs.ObservationSpace, envs.ActionSpace, o.HiddenSizes, o.LogStdInit, o.NormalizeObservations, request.Seed, n, o.UseSde));
        try
        {
            var agent = policy.Network;
            using var optimizer = new RmsPropOptimizer(agent.parameters(), o.LearningRate, alpha: 0.99, eps: 1e-5);
            var buffer = new RolloutBuffer(o.NumSteps, n, policy.Encoder.Features, policy.Decoder.StoredSize);
            var rewardScaler = o.NormalizeRewards ? new RewardScaler(n, o.Gamma) : null;
            var collector = new RolloutCollector(envs, policy, buffer, rewardScaler, o.SdeSampleFreq);
            var iterations = Math.Max(1, o.TotalSteps / (n * o.NumSteps));
            PpoAlgorithm.RegisterState(run.State, policy, rewardScaler);
            run.State.Add("optimizer", optimizer);
            run.Resume();
            collector.Start(request.Seed);

            // A resumed run continues at the iteration its step counter reached, so the learning-rate schedule goes on.
            for (var iteration = (run.Steps / (n * o.NumSteps)) + 1; iteration <= iterations && !cancellationToken.IsCancellationRequested; iteration++)
            {
                var lr = o.AnnealLr ? (1.0 - ((iteration - 1.0) / iterations)) * o.LearningRate : o.LearningRate;
                optimizer.LearningRate = lr;

                // 2. Roll out, then n-step (λ = 1) or GAE advantages.
                collector.Collect(cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    // A rollout cut short holds fresh and stale rows: stop without learning from it.
                    break;
                }

                buffer.ComputeAdvantages(o.Gamma, o.GaeLambda);
                var indices = buffer.ValidIndices();
                if (indices.Length == 0)
                {
                    continue;
                }

                // 3. One gradient step on every valid transition of the rollout.
                // Tensor code takes its constants as explicit Scalars, alive for the whole update (see ScalarScope).
                using var scope = NewDisposeScope();
                using var s = new ScalarScope();
                var index = tensor(indices.Select(i => (long)i).ToArray());
                var actions = tensor(buffer.Actions, [buffer.Size, buffer.ActionSize]).index_select(0, index);
                var (logProb, entropy, value) = agent.Evaluate(
                    tensor(buffer.Observations, [buffer.Size, buffer.Features]).index_select(0, index),
                    policy.Decoder.IsDiscrete ? actions.squeeze(1) : actions);
                var advantages = tensor(buffer.Advantages).index_select(0, index);
                if (o.NormAdvantage && indices.Length > 1)
                {
                    advantages = (advantages - advantages.mean()) / advantages.std().add(s[1e-8], s[1]);
                }

                var policyLoss = -(advantages * logProb).mean();
                var valueLoss = (tensor(buffer.Returns).index_select(0, index) - value).pow(s[2]).mean();
                var entropyMean = entropy.mean();
                var loss = (policyLoss - (s[o.EntCoef] * entropyMean)).add(valueLoss, alpha: s[o.VfCoef]);
                optimizer.ZeroGrad();
                loss.backward();
                nn.utils.clip_grad_norm_(agent.parameters(), o.MaxGradNorm);
                optimizer.Step();

                // 4. Record; evaluate when due.
                if (iteration % 10 == 0 || iteration == iterations)
                {
                    run.Record(MetricNames.LearningRate, lr);
                    run.Record(MetricNames.PolicyLoss, policyLoss.item<float>());
                    run.Record(MetricNames.ValueLoss, valueLoss.item<float>());
                    run.Record(MetricNames.Entropy, entropyMean.item<float>());
                    run.Record(MetricNames.ExplainedVariance, PpoAlgorithm.ExplainedVariance(buffer, indices));
                }

                run.MaybeEvaluateAndRecord(policy);
            }

            return run.Finish(policy);
        }
        catch
        {
            policy.Dispose();
            throw;
        }
    }
}
