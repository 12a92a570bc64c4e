using System.Runtime.InteropServices;
using RlGym.Agents.Common;
using RlGym.Core.Spaces;
using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.Continuous;

/// <summary>
/// Soft Actor-Critic (Haarnoja et al. 2018, with automatic entropy tuning), after CleanRL's
/// <c>sac_continuous_action.py</c> with Stable-Baselines3's update order and defaults: a tanh-squashed Gaussian actor,
/// twin Q critics with Polyak-averaged targets, a replay buffer, and the entropy coefficient α tuned towards a target
/// entropy. Box actions only; the actor acts in [-1, 1], rescaled to the bounds. Truncated episodes bootstrap from
/// their final observation.
/// </summary>
public sealed class SacAlgorithm : Algorithm<SacOptions>
{
    /// <inheritdoc />
    public override string Name => "sac";

    /// <inheritdoc />
    public override bool SupportsResume => true;

    /// <inheritdoc />
    protected override SacOptions Preset(string envId) => SacOptions.For(envId);

    /// <inheritdoc />
    protected override TrainResult Train(SacOptions o, TrainRequest request, CancellationToken cancellationToken)
    {
        // 1. Options, seeding, environments, actor, twin critics and their targets, optimisers, α and the replay buffer.
        TorchSetup.EnsureInitialized();
        using var run = new TrainingRun(request, Name, OptionsBinder.ToDictionary(o));
        using var envs = new VectorStepper(request.MakeVectorEnv(o.NumEnvs), run);
        RequireBoundedBox("SAC", request.EnvId, envs.ActionSpace);
        var n = envs.NumEnvs;
        var (policy, critic) = TorchSetup.Seeded(request.Seed, () =>
        {
            var actor = new SquashedActorPolicy(envs.ObservationSpace, envs.ActionSpace, o.HiddenSizes, stochastic: true, request.Seed);
            return (actor, new TwinCritic("critic", actor.Encoder.Features + actor.Decoder.Size, o.HiddenSizes));
        });
        try
        {
            using var criticOwner = critic;
            var actor = policy.Network;
            var features = policy.Encoder.Features;
            var size = policy.Decoder.Size;
            using var targetCritic = new TwinCritic("critic", features + size, o.HiddenSizes);
            targetCritic.load_state_dict(critic.state_dict());
            using var actorOptimizer = new AdamOptimizer(actor.parameters(), o.LearningRate);
            using var criticOptimizer = new AdamOptimizer(critic.parameters(), o.LearningRate);
            using var logAlpha = new TorchSharp.Modules.Parameter(tensor((float)Math.Log(o.EntCoef)), requires_grad: o.AutoEntropy);
            using var alphaOptimizer = new AdamOptimizer([logAlpha], o.LearningRate);
            using var targetEntropy = (o.TargetEntropy ?? -size).ToScalar();
            using var one = 1.0.ToScalar();
            using var generator = new Generator(unchecked((ulong)request.Seed ^ 0x5AC));
            var buffer = new ReplayBuffer((int)Math.Clamp(o.TotalSteps, 1, o.BufferSize), features, size);
            var random = new Random(unchecked((int)request.Seed));
            var noise = new ActionNoise(o.ActionNoise, o.ActionNoiseStd, n, size, random);
            using var batch = new ReplayBatch(o.BatchSize, features, size, o.Gamma);

            // Reused host buffers: current and next observations, actions in [-1, 1] and as the env takes them.
            var observations = new float[n * features];
            var nextObservations = new float[n * features];
            var squashed = new float[n * size];
            var envActions = new float[n * size];

            // A resumed run restores TD3's share (actor, critics, target critics, their Adam moments), the entropy
            // coefficient log α with its optimiser, and the step counter; the replay buffer is not saved and refills.
            RegisterState(run.State, actor, critic, targetCritic, actorOptimizer, criticOptimizer);
            run.State.Add("log_alpha", logAlpha);
            run.State.Add("alpha_optimizer", alphaOptimizer);
            run.Resume();
            policy.Encoder.EncodeBatch(envs.Reset(request.Seed), n, observations);
            var iterations = Math.Max(1, o.TotalSteps / n);
            var gradientSteps = o.GradientSteps >= 0 ? o.GradientSteps : o.TrainFrequency * n;
            long updates = 0;
            for (var iteration = (run.Steps / n) + 1; iteration <= iterations && !cancellationToken.IsCancellationRequested; iteration++)
            {
                // 2. Actions: uniform while learning has not started, then sampled from the actor; plus any action noise.
                if (run.Steps < o.LearningStarts)
                {
                    for (var j = 0; j < squashed.Length; j++)
                    {
                        squashed[j] = (float)((2 * random.NextDouble()) - 1);
                    }
                }
                else
                {
                    policy.ActBatch(observations, n, deterministic: false, squashed);
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

                // 4. Learn: α, then the critics towards the soft TD target, then the actor; Polyak-average the targets.
                if (run.Steps > o.LearningStarts && iteration % o.TrainFrequency == 0 && buffer.Count > 0)
                {
                    double qLoss = 0, actorLoss = 0, alphaLoss = 0, qMean = 0, entropy = 0;
                    for (var g = 0; g < gradientSteps; g++)
                    {
                        using var scope = NewDisposeScope();
                        batch.Sample(buffer, random);

                        // 4a. Entropy coefficient: raise α when the policy's entropy is below the target, lower it above.
                        var (pi, logPi) = SquashedGaussian.Sample(actor.forward(batch.Observations), generator);
                        Tensor? alphaLossValue = null;
                        if (o.AutoEntropy)
                        {
                            alphaLossValue = logAlpha.mul(logPi.detach().add(targetEntropy, one)).mean().neg();
                            alphaOptimizer.ZeroGrad();
                            alphaLossValue.backward();
                            alphaOptimizer.Step();
                        }

                        var alpha = logAlpha.detach().exp();

                        // 4b. Critics: soft target r + γ(1 − terminated)(min_k Q'_k(s', a') − α log π(a'|s')), a' ~ π(·|s').
                        Tensor target;
                        using (no_grad())
                        {
                            var (nextPi, nextLogPi) = SquashedGaussian.Sample(actor.forward(batch.NextObservations), generator);
                            var nextQ = targetCritic.forward(batch.NextObservations, nextPi).min(0).values;
                            target = batch.Discounts.mul(nextQ.sub_(alpha * nextLogPi)).add_(batch.Rewards, one);
                        }

                        var q = critic.forward(batch.ObservationActions);
                        var criticLoss = nn.functional.mse_loss(q, target.unsqueeze(0).expand_as(q));
                        criticOptimizer.ZeroGrad();
                        criticLoss.backward();
                        criticOptimizer.Step();

                        // 4c. Actor: minimise E[α log π(a|s) − min_k Q_k(s, a)] with the reparameterised a.
                        var qPi = critic.ValuesForActor(batch.Observations, pi).min(0).values;
                        var policyLoss = ((alpha * logPi) - qPi).mean();
                        actorOptimizer.ZeroGrad();
                        policyLoss.backward();
                        actorOptimizer.Step();

                        updates++;
                        if (updates % o.TargetUpdateInterval == 0)
                        {
                            TargetNetwork.Update(targetCritic, critic, o.Tau);
                        }

                        if (g == gradientSteps - 1)
                        {
                            qLoss = criticLoss.item<float>();
                            actorLoss = policyLoss.item<float>();
                            alphaLoss = alphaLossValue?.item<float>() ?? 0;
                            qMean = q.mean().item<float>();
                            entropy = -logPi.mean().item<float>();
                        }
                    }

                    run.Record(MetricNames.QfLoss, qLoss);
                    run.Record(MetricNames.ActorLoss, actorLoss);
                    run.Record(MetricNames.QValues, qMean);
                    run.Record(MetricNames.Entropy, entropy);
                    run.Record(MetricNames.Alpha, Math.Exp(logAlpha.item<float>()));
                    if (o.AutoEntropy)
                    {
                        run.Record(MetricNames.AlphaLoss, alphaLoss);
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

    /// <summary>
    /// What a resumed SAC or TD3 run restores of the parts they share: the actor, the twin critic and its target, and both
    /// Adam optimisers' moments and step counts. Each adds its own (TD3 its target actor, SAC log α and its optimiser).
    /// </summary>
    internal static void RegisterState(
        TrainingState state, Mlp actor, TwinCritic critic, TwinCritic targetCritic, AdamOptimizer actorOptimizer, AdamOptimizer criticOptimizer)
    {
        state.Add("actor", actor);
        state.Add("critic", critic);
        state.Add("target_critic", targetCritic);
        state.Add("actor_optimizer", actorOptimizer);
        state.Add("critic_optimizer", criticOptimizer);
    }

    /// <summary>Fails unless <paramref name="space"/> is a float32 Box with finite bounds, naming the algorithm and the env.</summary>
    internal static void RequireBoundedBox(string algorithm, string envId, Space space)
    {
        if (space is not Box<float> box)
        {
            throw new ArgumentException($"{algorithm} needs a Box action space (continuous actions); {envId} has {space}. Use dqn or ppo for Discrete actions.");
        }

        if (!box.LowValues.ToArray().All(float.IsFinite) || !box.HighValues.ToArray().All(float.IsFinite))
        {
            throw new ArgumentException($"{algorithm} squashes actions into the Box's bounds, which must be finite; {envId} has {space}.");
        }
    }
}
