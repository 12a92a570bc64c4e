using RlGym.Agents.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.Continuous;

/// <summary>
/// Twin Delayed DDPG (Fujimoto et al. 2018), after CleanRL's <c>td3_continuous_action.py</c> with Stable-Baselines3's
/// update order and defaults: a deterministic tanh actor explored with action noise, twin Q critics trained towards
/// the minimum of the two target critics at a smoothed target action, and the actor and all targets updated once per
/// <see cref="Td3Options.PolicyDelay"/> critic updates. Box actions only; the actor acts in [-1, 1], rescaled to the
/// bounds. Truncated episodes bootstrap from their final observation.
/// </summary>
public sealed class Td3Algorithm : Algorithm<Td3Options>
{
    /// <inheritdoc />
    public override string Name => "td3";

    /// <inheritdoc />
    public override bool SupportsResume => true;

    /// <inheritdoc />
    protected override Td3Options Preset(string envId) => Td3Options.For(envId);

    /// <inheritdoc />
    protected override TrainResult Train(Td3Options o, TrainRequest request, CancellationToken cancellationToken)
    {
        // 1. Options, seeding, environments, actor and twin critics with their targets, optimisers and the replay buffer.
        TorchSetup.EnsureInitialized();
        using var run = new TrainingRun(request, Name, OptionsBinder.ToDictionary(o));
        using var envs = new VectorStepper(request.MakeVectorEnv(o.NumEnvs), run);
        SacAlgorithm.RequireBoundedBox("TD3", request.EnvId, envs.ActionSpace);
        var n = envs.NumEnvs;
        var (policy, critic) = TorchSetup.Seeded(request.Seed, () =>
        {
            var actor = new SquashedActorPolicy(envs.ObservationSpace, envs.ActionSpace, o.HiddenSizes, stochastic: false, request.Seed);
            return (actor, new TwinCritic("critic", actor.Encoder.Features + actor.Decoder.Size, o.HiddenSizes));
        });
        try
        {
            using var criticOwner = critic;
            var actor = policy.Network;
            var features = policy.Encoder.Features;
            var size = policy.Decoder.Size;
            using var targetActor = new Mlp("actor", features, o.HiddenSizes, size, relu: true, outputGain: null);
            targetActor.load_state_dict(actor.state_dict());
            using var targetCritic = new TwinCritic("critic", features + size, o.HiddenSizes);
            targetCritic.load_state_dict(critic.state_dict());
            using var actorOptimizer = new AdamOptimizer(actor.parameters(), o.LearningRate);
            using var criticOptimizer = new AdamOptimizer(critic.parameters(), o.LearningRate);
            using var one = 1.0.ToScalar();
            using var smoothing = new TargetPolicySmoothing(o.TargetPolicyNoise, o.TargetNoiseClip);
            using var generator = new Generator(unchecked((ulong)request.Seed ^ 0x7D3));
            var buffer = new ReplayBuffer((int)Math.Clamp(o.TotalSteps, 1, o.BufferSize), features, size);
            var random = new Random(unchecked((int)request.Seed));
            var noise = new ActionNoise(o.ActionNoise, o.ActionNoiseStd, n, size, random);
            using var batch = new ReplayBatch(o.BatchSize, features, size, o.Gamma);

            // Reused host buffers: current and next observations, actions in [-1, 1] and as the env takes them.
            var observations = new float[n * features];
            var nextObservations = new float[n * features];
            var squashed = new float[n * size];
            var envActions = new float[n * size];

            // A resumed run restores the networks, their targets, Adam's moments and the step counter; the replay buffer
            // is not saved and refills while learning goes on.
            SacAlgorithm.RegisterState(run.State, actor, critic, targetCritic, actorOptimizer, criticOptimizer);
            run.State.Add("target_actor", targetActor);
            run.Resume();
            policy.Encoder.EncodeBatch(envs.Reset(request.Seed), n, observations);
            var iterations = Math.Max(1, o.TotalSteps / n);
            var gradientSteps = o.GradientSteps >= 0 ? o.GradientSteps : o.TrainFrequency * n;
            long criticUpdates = 0;
            for (var iteration = (run.Steps / n) + 1; iteration <= iterations && !cancellationToken.IsCancellationRequested; iteration++)
            {
                // 2. Actions: uniform while learning has not started, then the actor's; plus the exploration noise.
                if (run.Steps < o.LearningStarts)
                {
                    for (var j = 0; j < squashed.Length; j++)
                    {
                        squashed[j] = (float)((2 * random.NextDouble()) - 1);
                    }
                }
                else
                {
                    policy.ActBatch(observations, n, deterministic: true, squashed);
                }

                noise.Apply(squashed);
                policy.Decoder.Unscale(squashed, envActions);

                // 3. Step, and store the real transitions (the next observation is the final one when an episode ended).
                var result = envs.Step(envActions);
                policy.Encoder.EncodeBatch(result.Observations, n, nextObservations);
                for (var i = 0; i < n; i++)
                {
                    if (envs.Valid[i])
                    {
                        buffer.Add(
                            observations.AsSpan(i * features, features), squashed.AsSpan(i * size, size), (float)result.Rewards[i],
                            nextObservations.AsSpan(i * features, features), result.Terminations[i]);
                    }

                    if (result.Terminations[i] || result.Truncations[i])
                    {
                        noise.Reset(i);
                    }
                }

                (observations, nextObservations) = (nextObservations, observations);

                // 4. Learn: the critics every gradient step; the actor and the targets every PolicyDelay critic updates.
                if (run.Steps > o.LearningStarts && iteration % o.TrainFrequency == 0 && buffer.Count > 0)
                {
                    double qLoss = 0, qMean = 0, actorLoss = 0;
                    var actorUpdated = false;
                    for (var g = 0; g < gradientSteps; g++)
                    {
                        using var scope = NewDisposeScope();
                        batch.Sample(buffer, random);

                        // 4a. Critics: target r + γ(1 − terminated) min_k Q'_k(s', clip(μ'(s') + clip(ε, −c, c), −1, 1)).
                        Tensor target;
                        using (no_grad())
                        {
                            var nextActions = targetActor.forward(batch.NextObservations).tanh_();
                            var smoothed = smoothing.Apply(nextActions, randn(nextActions.shape, generator: generator));
                            var nextQ = targetCritic.forward(batch.NextObservations, smoothed).min(0).values;
                            target = batch.Discounts.mul(nextQ).add_(batch.Rewards, one);
                        }

                        // The mean over both critics: SB3's sum of the two MSEs halved, which Adam does not notice.
                        var q = critic.forward(batch.ObservationActions);
                        var criticLoss = nn.functional.mse_loss(q, target.unsqueeze(0).expand_as(q));
                        criticOptimizer.ZeroGrad();
                        criticLoss.backward();
                        criticOptimizer.Step();
                        criticUpdates++;

                        // 4b. Delayed: the actor ascends Q_1(s, μ(s)); then the target actor and critics are Polyak-averaged.
                        if (criticUpdates % o.PolicyDelay == 0)
                        {
                            var policyLoss = critic.FirstValuesForActor(batch.Observations, actor.forward(batch.Observations).tanh()).mean().neg();
                            actorOptimizer.ZeroGrad();
                            policyLoss.backward();
                            actorOptimizer.Step();
                            TargetNetwork.Update(targetCritic, critic, o.Tau);
                            TargetNetwork.Update(targetActor, actor, o.Tau);
                            actorLoss = policyLoss.item<float>();
                            actorUpdated = true;
                        }

                        if (g == gradientSteps - 1)
                        {
                            qLoss = criticLoss.item<float>();
                            qMean = q.mean().item<float>();
                        }
                    }

                    run.Record(MetricNames.QfLoss, qLoss);
                    run.Record(MetricNames.QValues, qMean);
                    if (actorUpdated)
                    {
                        run.Record(MetricNames.ActorLoss, actorLoss);
                    }
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
