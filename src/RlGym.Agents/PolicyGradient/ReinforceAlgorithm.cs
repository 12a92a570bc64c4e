using RlGym.Agents.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.PolicyGradient;

/// <summary>
/// REINFORCE (Williams 1992), with an optional learned baseline: long rollouts from every copy, Monte-Carlo returns
/// (GAE with λ = 1; the baseline bootstraps only where the rollout cuts an episode or a time limit truncates it), then
/// one Adam step on <c>−(G − b(s)) log π(a|s)</c> plus the baseline's squared error. Shares PPO's rollout machinery.
/// </summary>
public sealed class ReinforceAlgorithm : Algorithm<ReinforceOptions>
{
    /// <inheritdoc />
    public override string Name => "reinforce";

    /// <inheritdoc />
    public override bool SupportsResume => true;

    /// <inheritdoc />
    protected override ReinforceOptions Preset(string envId) => ReinforceOptions.For(envId);

    /// <inheritdoc />
    protected override TrainResult Train(ReinforceOptions o, TrainRequest request, CancellationToken cancellationToken)
    {
        // 1. Options, seeding, environments, policy (with its baseline), optimiser and storage.
        TorchSetup.EnsureInitialized();
        using var run = new TrainingRun(request, Name, OptionsBinder.ToDictionary(o));
        using var envs = new VectorStepper(request.MakeVectorEnv(o.NumEnvs), run);
        var n = envs.NumEnvs;
        var policy = TorchSetup.Seeded(request.Seed, () => new ActorCriticPolicy(envs.ObservationSpace, envs.ActionSpace, o.HiddenSizes, o.LogStdInit, normalizeObservations: false, request.Seed, n));
        try
        {
            var agent = policy.Network;
            using var optimizer = new AdamOptimizer(agent.parameters(), o.LearningRate);
            var buffer = new RolloutBuffer(o.NumSteps, n, policy.Encoder.Features, policy.Decoder.StoredSize);
            var collector = new RolloutCollector(envs, policy, buffer, rewards: null);
            var iterations = Math.Max(1, o.TotalSteps / (n * o.NumSteps));
            PpoAlgorithm.RegisterState(run.State, policy, rewardScaler: null);
            run.State.Add("optimizer", optimizer);
            run.Resume();
            collector.Start(request.Seed);

            for (var iteration = (run.Steps / (n * o.NumSteps)) + 1; iteration <= iterations && !cancellationToken.IsCancellationRequested; iteration++)
            {
                // 2. Roll out; returns-to-go G_t. Without a baseline its values are zeroed, so G_t is purely Monte-Carlo.
                collector.Collect(cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    // A rollout cut short holds fresh and stale rows: stop without learning from it.
                    break;
                }

                if (!o.UseBaseline)
                {
                    Array.Clear(buffer.Values);
                    Array.Clear(buffer.LastValues);
                }

                buffer.ComputeAdvantages(o.Gamma, lambda: 1.0);
                var indices = buffer.ValidIndices();
                if (indices.Length == 0)
                {
                    continue;
                }

                // 3. Policy gradient on (G − b), normalised; the baseline regresses G.
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
                var entropyMean = entropy.mean();
                var loss = policyLoss - (s[o.EntCoef] * entropyMean);
                var valueLoss = o.UseBaseline ? (tensor(buffer.Returns).index_select(0, index) - value).pow(s[2]).mean() : null;
                if (valueLoss is not null)
                {
                    loss = loss.add(valueLoss, alpha: s[o.VfCoef]);
                }

                optimizer.ZeroGrad();
                loss.backward();
                nn.utils.clip_grad_norm_(agent.parameters(), o.MaxGradNorm);
                optimizer.Step();

                // 4. Record; evaluate when due.
                run.Record(MetricNames.PolicyLoss, policyLoss.item<float>());
                run.Record(MetricNames.Entropy, entropyMean.item<float>());
                if (valueLoss is not null)
                {
                    run.Record(MetricNames.ValueLoss, valueLoss.item<float>());
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
