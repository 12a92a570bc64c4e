using RlGym.Agents.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.PolicyGradient;

/// <summary>
/// Proximal Policy Optimisation (Schulman et al. 2017), after CleanRL's <c>ppo.py</c> / <c>ppo_continuous_action.py</c>:
/// rollouts of <see cref="PpoOptions.NumSteps"/> steps from every copy, GAE, then epochs of minibatch updates of the
/// clipped surrogate objective with value loss and entropy bonus. Unlike CleanRL it bootstraps from the final
/// observation when an episode is truncated.
/// </summary>
public sealed class PpoAlgorithm : Algorithm<PpoOptions>
{
    /// <inheritdoc />
    public override string Name => "ppo";

    /// <inheritdoc />
    public override bool SupportsResume => true;

    /// <inheritdoc />
    protected override PpoOptions Preset(string envId) => PpoOptions.For(envId);

    /// <inheritdoc />
    protected override TrainResult Train(PpoOptions o, TrainRequest request, CancellationToken cancellationToken)
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
            using var optimizer = new AdamOptimizer(agent.parameters(), o.LearningRate, eps: 1e-5);
            var buffer = new RolloutBuffer(o.NumSteps, n, policy.Encoder.Features, policy.Decoder.StoredSize);
            var rewardScaler = o.NormalizeRewards ? new RewardScaler(n, o.Gamma) : null;
            var collector = new RolloutCollector(envs, policy, buffer, rewardScaler, o.SdeSampleFreq);
            var shuffle = new Random(unchecked((int)request.Seed));
            var iterations = Math.Max(1, o.TotalSteps / (n * o.NumSteps));
            RegisterState(run.State, policy, rewardScaler);
            run.State.Add("optimizer", optimizer);
            run.Resume();
            collector.Start(request.Seed);

            // A resumed run continues at the iteration its step counter reached, so the schedules go on from there.
            for (var iteration = (run.Steps / (n * o.NumSteps)) + 1; iteration <= iterations && !cancellationToken.IsCancellationRequested; iteration++)
            {
                // 2. Anneal the learning rate (and, as SB3's lin_ schedules, the clip range) linearly to 0.
                var frac = 1.0 - ((iteration - 1.0) / iterations);
                var lr = o.AnnealLr ? frac * o.LearningRate : o.LearningRate;
                optimizer.LearningRate = lr;
                var clip = o.AnnealClipCoef ? frac * o.ClipCoef : o.ClipCoef;

                // 3. Roll out the current policy, then estimate advantages with GAE.
                collector.Collect(cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    // A rollout cut short holds fresh and stale rows: stop without learning from it.
                    break;
                }

                buffer.ComputeAdvantages(o.Gamma, o.GaeLambda);

                // 4. Optimise the clipped surrogate for several epochs of shuffled minibatches of valid transitions.
                var indices = buffer.ValidIndices();
                var minibatch = Math.Max(1, indices.Length / o.NumMinibatches);
                double policyLoss = 0, valueLoss = 0, entropyLoss = 0, approxKl = 0, clipFraction = 0;
                var updates = 0;
                // Tensor code takes its constants as explicit Scalars, alive for the whole update (see ScalarScope).
                using (var scope = NewDisposeScope())
                using (var s = new ScalarScope())
                {
                    // The valid transitions, selected once; minibatches are positions among them.
                    var valid = tensor(indices.Select(i => (long)i).ToArray());
                    var bObs = tensor(buffer.Observations, [buffer.Size, buffer.Features]).index_select(0, valid);
                    var bActions = tensor(buffer.Actions, [buffer.Size, buffer.ActionSize]).index_select(0, valid);
                    if (policy.Decoder.IsDiscrete)
                    {
                        bActions = bActions.squeeze(1);
                    }

                    var bLogProbs = tensor(buffer.LogProbs).index_select(0, valid);
                    var bAdvantages = tensor(buffer.Advantages).index_select(0, valid);
                    var bReturns = tensor(buffer.Returns).index_select(0, valid);
                    var bValues = tensor(buffer.Values).index_select(0, valid);
                    var positions = Enumerable.Range(0, indices.Length).Select(i => (long)i).ToArray();
                    var whole = minibatch == positions.Length;
                    var stop = false;
                    for (var epoch = 0; epoch < o.UpdateEpochs && !stop; epoch++)
                    {
                        if (!whole)
                        {
                            shuffle.Shuffle(positions);
                        }

                        for (var start = 0; start + minibatch <= positions.Length; start += minibatch)
                        {
                            using var step = NewDisposeScope();
                            var mb = whole ? null : tensor(positions.AsSpan(start, minibatch).ToArray());
                            Tensor Pick(Tensor t) => mb is null ? t : t.index_select(0, mb);
                            var (newLogProb, entropy, newValue) = agent.Evaluate(Pick(bObs), Pick(bActions));
                            var logRatio = newLogProb - Pick(bLogProbs);
                            var ratio = logRatio.exp();
                            var lastEpoch = epoch == o.UpdateEpochs - 1 || o.TargetKl > 0;
                            if (lastEpoch)
                            {
                                // Diagnostics (and the KL early stop) from the last epoch only, as CleanRL logs them.
                                using var noGrad = no_grad();
                                approxKl += ((ratio - s[1]) - logRatio).mean().item<float>();
                                clipFraction += (ratio - s[1]).abs().gt(s[clip]).to_type(ScalarType.Float32).mean().item<float>();
                            }

                            var advantages = Pick(bAdvantages);
                            if (o.NormAdvantage && minibatch > 1)
                            {
                                advantages = (advantages - advantages.mean()) / advantages.std().add(s[1e-8], s[1]);
                            }

                            // Clipped surrogate objective.
                            var pgLoss = max(-advantages * ratio, -advantages * ratio.clamp(s[1 - clip], s[1 + clip])).mean();

                            // Value loss, optionally clipped around the rollout's values.
                            var returns = Pick(bReturns);
                            Tensor vLoss;
                            if (o.ClipValueLoss)
                            {
                                var oldValues = Pick(bValues);
                                var clipped = oldValues.add((newValue - oldValues).clamp(s[-clip], s[clip]), s[1]);
                                vLoss = s[0.5] * max((newValue - returns).pow(s[2]), (clipped - returns).pow(s[2])).mean();
                            }
                            else
                            {
                                vLoss = s[0.5] * (newValue - returns).pow(s[2]).mean();
                            }

                            var entropyMean = entropy.mean();
                            var loss = (pgLoss - (s[o.EntCoef] * entropyMean)).add(vLoss, alpha: s[o.VfCoef]);
                            optimizer.ZeroGrad();
                            loss.backward();
                            nn.utils.clip_grad_norm_(agent.parameters(), o.MaxGradNorm);
                            optimizer.Step();

                            if (lastEpoch)
                            {
                                policyLoss += pgLoss.item<float>();
                                valueLoss += vLoss.item<float>();
                                entropyLoss += entropyMean.item<float>();
                                updates++;
                            }
                        }

                        stop = o.TargetKl > 0 && approxKl / Math.Max(1, updates) > o.TargetKl;
                        if (o.TargetKl > 0 && !stop && epoch < o.UpdateEpochs - 1)
                        {
                            (policyLoss, valueLoss, entropyLoss, approxKl, clipFraction, updates) = (0, 0, 0, 0, 0, 0);
                        }
                    }
                }

                // 5. Record this iteration's losses and diagnostics; evaluate when due.
                if (updates > 0)
                {
                    run.Record(MetricNames.LearningRate, lr);
                    run.Record(MetricNames.PolicyLoss, policyLoss / updates);
                    run.Record(MetricNames.ValueLoss, valueLoss / updates);
                    run.Record(MetricNames.Entropy, entropyLoss / updates);
                    run.Record(MetricNames.ApproxKl, approxKl / updates);
                    run.Record(MetricNames.ClipFraction, clipFraction / updates);
                    run.Record(MetricNames.ExplainedVariance, ExplainedVariance(buffer, indices));
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

    /// <summary>
    /// What a resumed PPO, A2C or REINFORCE run restores besides its optimiser (which each registers as <c>optimizer</c>):
    /// the actor-critic (REINFORCE's baseline is its critic) and the normalisation statistics in use.
    /// </summary>
    internal static void RegisterState(TrainingState state, ActorCriticPolicy policy, RewardScaler? rewardScaler)
    {
        state.Add("actor_critic", policy.Network);
        if (policy.ObservationStats is { } observationStats)
        {
            state.Add("observation_stats", observationStats);
        }

        if (rewardScaler is not null)
        {
            state.Add("reward_stats", rewardScaler.Stats);
        }
    }

    /// <summary>1 - Var(returns - values) / Var(returns) over the valid transitions (NaN when the returns do not vary).</summary>
    internal static double ExplainedVariance(RolloutBuffer buffer, int[] indices)
    {
        if (indices.Length == 0)
        {
            return double.NaN;
        }

        double meanY = 0, meanD = 0;
        foreach (var k in indices)
        {
            meanY += buffer.Returns[k];
            meanD += buffer.Returns[k] - buffer.Values[k];
        }

        meanY /= indices.Length;
        meanD /= indices.Length;
        double varY = 0, varD = 0;
        foreach (var k in indices)
        {
            varY += (buffer.Returns[k] - meanY) * (buffer.Returns[k] - meanY);
            var d = buffer.Returns[k] - buffer.Values[k] - meanD;
            varD += d * d;
        }

        return varY == 0 ? double.NaN : 1 - (varD / varY);
    }
}
