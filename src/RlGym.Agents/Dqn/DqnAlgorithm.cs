using System.Runtime.InteropServices;
using RlGym.Agents.Common;
using RlGym.Core.Spaces;
using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.Dqn;

/// <summary>
/// Deep Q-Network (Mnih et al. 2015), after CleanRL's <c>dqn.py</c>: ε-greedy acting with a linearly decayed ε, a
/// replay buffer, a target network updated hard or by Polyak averaging, optional double DQN (van Hasselt et al.
/// 2016), Huber loss and gradient-norm clipping. Truncated episodes bootstrap from their final observation.
/// </summary>
public sealed class DqnAlgorithm : Algorithm<DqnOptions>
{
    /// <inheritdoc />
    public override string Name => "dqn";

    /// <inheritdoc />
    public override bool SupportsResume => true;

    /// <inheritdoc />
    protected override DqnOptions Preset(string envId) => DqnOptions.For(envId);

    /// <inheritdoc />
    protected override TrainResult Train(DqnOptions o, TrainRequest request, CancellationToken cancellationToken)
    {
        // 1. Options, seeding, environments, online and target networks, optimiser and replay buffer.
        TorchSetup.EnsureInitialized();
        using var run = new TrainingRun(request, Name, OptionsBinder.ToDictionary(o));
        using var envs = new VectorStepper(request.MakeVectorEnv(o.NumEnvs), run);
        if (envs.ActionSpace is not Discrete actionSpace)
        {
            throw new ArgumentException($"DQN needs a Discrete action space; {request.EnvId} has {envs.ActionSpace}.", nameof(request));
        }

        var n = envs.NumEnvs;
        var policy = TorchSetup.Seeded(request.Seed, () => new QNetworkPolicy(envs.ObservationSpace, actionSpace, o.HiddenSizes));
        try
        {
            var qNetwork = policy.Network;
            var features = policy.Encoder.Features;
            using var targetNetwork = new Mlp("target_network", features, o.HiddenSizes, actionSpace.N, relu: true, outputGain: null);
            targetNetwork.load_state_dict(qNetwork.state_dict());
            using var optimizer = new AdamOptimizer(qNetwork.parameters(), o.LearningRate);
            using var s = new ScalarScope(); // the tensor code's constants, as explicit Scalars (see ScalarScope)
            var buffer = new ReplayBuffer(o.BufferSize, features);
            var random = new Random(unchecked((int)request.Seed));

            // Reused host buffers: current and next observations, actions, and one training batch.
            var observations = new float[n * features];
            var nextObservations = new float[n * features];
            var actions = new int[n];
            var batchObs = new float[o.BatchSize * features];
            var batchNext = new float[o.BatchSize * features];
            var batchActions = new long[o.BatchSize];
            var batchRewards = new float[o.BatchSize];
            var batchNotTerminated = new float[o.BatchSize];
            using var input = zeros(n, features);
            using var obsTensor = zeros(o.BatchSize, features);
            using var nextTensor = zeros(o.BatchSize, features);
            using var actionTensor = zeros([o.BatchSize, 1], ScalarType.Int64);
            using var rewardTensor = zeros(o.BatchSize);
            using var notTerminatedTensor = zeros(o.BatchSize);

            // A resumed run restores the networks, Adam's moments and the step counter (ε follows it); the replay
            // buffer is not saved and refills while learning goes on.
            run.State.Add("q_network", qNetwork);
            run.State.Add("target_network", targetNetwork);
            run.State.Add("optimizer", optimizer);
            run.Resume();
            policy.Encoder.EncodeBatch(envs.Reset(request.Seed), n, observations);
            var iterations = Math.Max(1, o.TotalSteps / n);
            var gradientSteps = o.GradientSteps >= 0 ? o.GradientSteps : o.TrainFrequency * n;
            var targetEvery = Math.Max(1, o.TargetUpdateInterval / n);
            for (var iteration = (run.Steps / n) + 1; iteration <= iterations && !cancellationToken.IsCancellationRequested; iteration++)
            {
                // 2. ε-greedy actions for every copy: random while learning has not started.
                var epsilon = Schedules.Linear(o.StartEpsilon, o.FinalEpsilon, o.ExplorationFraction * o.TotalSteps, run.Steps);
                if (run.Steps < o.LearningStarts)
                {
                    epsilon = 1;
                }

                if (epsilon < 1)
                {
                    GreedyActions(qNetwork, input, observations, actions);
                }

                for (var i = 0; i < n; i++)
                {
                    actions[i] = actionSpace.Start + (random.NextDouble() < epsilon ? random.Next(actionSpace.N) : actions[i]);
                }

                // 3. Step, and store the real transitions (the next observation is the final one when an episode ended).
                var result = envs.Step(actions);
                policy.Encoder.EncodeBatch(result.Observations, n, nextObservations);
                for (var i = 0; i < n; i++)
                {
                    if (envs.Valid[i])
                    {
                        buffer.Add(
                            observations.AsSpan(i * features, features), actions[i] - actionSpace.Start, (float)result.Rewards[i],
                            nextObservations.AsSpan(i * features, features), result.Terminations[i]);
                    }
                }

                (observations, nextObservations) = (nextObservations, observations);

                // 4. Learn: TD targets from the target network, Huber loss, clipped gradient step.
                if (run.Steps > o.LearningStarts && iteration % o.TrainFrequency == 0 && buffer.Count > 0)
                {
                    double loss = 0, qMean = 0;
                    for (var g = 0; g < gradientSteps; g++)
                    {
                        using var scope = NewDisposeScope();
                        buffer.Sample(random, batchObs, batchActions, batchRewards, batchNext, batchNotTerminated);
                        for (var b = 0; b < o.BatchSize; b++)
                        {
                            batchNotTerminated[b] = 1 - batchNotTerminated[b]; // 1 - terminated, on the host: no Scalar
                        }

                        Fill(obsTensor, batchObs);
                        Fill(nextTensor, batchNext);
                        Fill(rewardTensor, batchRewards);
                        Fill(notTerminatedTensor, batchNotTerminated);
                        actionTensor.bytes = MemoryMarshal.AsBytes(batchActions.AsSpan());
                        Tensor tdTarget;
                        using (no_grad())
                        {
                            var nextQ = targetNetwork.forward(nextTensor);
                            var nextValue = o.DoubleDqn
                                ? nextQ.gather(1, qNetwork.forward(nextTensor).argmax(1, keepdim: true)).squeeze(1)
                                : nextQ.max(1).values;
                            tdTarget = rewardTensor.add(nextValue * notTerminatedTensor, alpha: s[o.Gamma]);
                        }

                        var qTaken = qNetwork.forward(obsTensor).gather(1, actionTensor).squeeze(1);
                        var tdLoss = o.HuberLoss ? nn.functional.smooth_l1_loss(qTaken, tdTarget) : nn.functional.mse_loss(qTaken, tdTarget);
                        optimizer.ZeroGrad();
                        tdLoss.backward();
                        if (o.MaxGradNorm > 0)
                        {
                            nn.utils.clip_grad_norm_(qNetwork.parameters(), o.MaxGradNorm);
                        }

                        optimizer.Step();
                        if (g == gradientSteps - 1)
                        {
                            loss = tdLoss.item<float>();
                            qMean = qTaken.mean().item<float>();
                        }
                    }

                    run.Record(MetricNames.TdLoss, loss);
                    run.Record(MetricNames.QValues, qMean);
                    run.Record(MetricNames.Epsilon, epsilon);
                }

                // 5. Update the target network: a copy (tau = 1) or Polyak averaging.
                if (iteration % targetEvery == 0)
                {
                    TargetNetwork.Update(targetNetwork, qNetwork, o.Tau);
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

    // Host batch -> the reused tensor of the same shape, without allocating a new tensor per gradient step.
    private static void Fill(Tensor target, float[] source) => target.bytes = MemoryMarshal.AsBytes(source.AsSpan());

    private static void GreedyActions(Mlp qNetwork, Tensor input, float[] observations, int[] actions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        input.bytes = MemoryMarshal.AsBytes(observations.AsSpan());
        var greedy = qNetwork.forward(input).argmax(1).data<long>();
        for (var i = 0; i < actions.Length; i++)
        {
            actions[i] = (int)greedy[i];
        }
    }
}
