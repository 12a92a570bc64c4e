using RlGym.Agents.Common;
using RlGym.Core.Spaces;

namespace RlGym.Agents.Tabular;

/// <summary>
/// Tabular temporal-difference control (Sutton and Barto, ch. 6): Q-learning, SARSA or Expected SARSA on one Q table
/// shared by every copy, exploring ε-greedily (ε decayed linearly), by Boltzmann/softmax sampling (temperature decayed
/// linearly) or by UCB1. Needs Discrete observations (or a Tuple of Discrete spaces) and Discrete actions.
/// </summary>
public sealed class TabularAlgorithm : Algorithm<TabularOptions>
{
    private readonly TabularMethod _method;

    /// <summary>Creates the algorithm with the given TD target.</summary>
    public TabularAlgorithm(TabularMethod method)
    {
        _method = method;
        Name = method switch
        {
            TabularMethod.QLearning => "q-learning",
            TabularMethod.Sarsa => "sarsa",
            _ => "expected-sarsa",
        };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override bool SupportsResume => true;

    /// <inheritdoc />
    protected override TabularOptions Preset(string envId) => TabularOptions.For(envId);

    /// <inheritdoc />
    protected override TrainResult Train(TabularOptions o, TrainRequest request, CancellationToken cancellationToken)
    {
        // 1. Options, environments and the table.
        using var run = new TrainingRun(request, Name, OptionsBinder.ToDictionary(o));
        using var envs = new VectorStepper(request.MakeVectorEnv(o.NumEnvs), run);
        if (envs.ActionSpace is not Discrete actionSpace)
        {
            throw new ArgumentException($"Tabular methods need a Discrete action space; {request.EnvId} has {envs.ActionSpace}.", nameof(request));
        }

        var policy = new TabularPolicy(envs.ObservationSpace, actionSpace, initialQ: o.InitialQ);
        var explorer = new Explorer(policy, o, new Random(unchecked((int)request.Seed)));
        var n = envs.NumEnvs;
        var states = new int[n];
        var nextStates = new int[n];
        var actions = new int[n];
        var envActions = new int[n];

        // A resumed run restores the Q table, UCB's visit counts and the step counter (ε and τ follow it).
        run.State.Add("q_table", policy.Q);
        explorer.Register(run.State);
        run.Resume();
        policy.States.IndexBatch(envs.Reset(request.Seed), states);
        var iterations = Math.Max(1, o.TotalSteps / n);
        double squaredTdError = 0;
        var updates = 0;

        var first = (run.Steps / n) + 1;
        for (var iteration = first; iteration <= iterations && !cancellationToken.IsCancellationRequested; iteration++)
        {
            // 2. Explore: ε and τ decay linearly over the first ExplorationFraction of training.
            explorer.Progress(run.Steps);
            for (var i = 0; i < n; i++)
            {
                if (_method != TabularMethod.Sarsa || iteration == first)
                {
                    actions[i] = explorer.Choose(states[i]);
                }

                envActions[i] = actionSpace.Start + actions[i];
            }

            var result = envs.Step(envActions);
            policy.States.IndexBatch(result.Observations, nextStates);
            for (var i = 0; i < n; i++)
            {
                // The step after an episode ended only resets the copy: no transition to learn from.
                if (!envs.Valid[i])
                {
                    actions[i] = explorer.Choose(nextStates[i]);
                    continue;
                }

                // 3. The TD target: max (Q-learning), the next action's value (SARSA) or its expectation (Expected SARSA).
                var (s, a, next) = (states[i], actions[i], nextStates[i]);
                explorer.Count(s, a);
                var nextAction = _method == TabularMethod.Sarsa ? explorer.Choose(next) : -1;
                var nextValue = result.Terminations[i] ? 0 : _method switch
                {
                    TabularMethod.QLearning => policy.Q[(next * policy.ActionCount) + policy.Greedy(next)],
                    TabularMethod.Sarsa => policy.Q[(next * policy.ActionCount) + nextAction],
                    _ => explorer.ExpectedValue(next),
                };

                // 4. Q(s, a) += α (r + γ V(s') − Q(s, a)).
                var k = (s * policy.ActionCount) + a;
                var tdError = result.Rewards[i] + (o.Gamma * nextValue) - policy.Q[k];
                policy.Q[k] += o.LearningRate * tdError;
                squaredTdError += tdError * tdError;
                updates++;
                actions[i] = _method == TabularMethod.Sarsa ? nextAction : actions[i];
            }

            (states, nextStates) = (nextStates, states);
            if (updates >= 1000)
            {
                run.Record(MetricNames.TdLoss, squaredTdError / updates);
                run.Record(MetricNames.Epsilon, explorer.Epsilon);
                (squaredTdError, updates) = (0, 0);
            }

            run.MaybeEvaluateAndRecord(policy);
        }

        return run.Finish(policy);
    }

    /// <summary>The exploration strategies over one Q table.</summary>
    private sealed class Explorer(TabularPolicy policy, TabularOptions o, Random random)
    {
        private readonly long[] _stateCounts = new long[policy.States.Count];
        private readonly long[] _actionCounts = new long[policy.Q.Length];
        private readonly double[] _probabilities = new double[policy.ActionCount];

        public double Epsilon { get; private set; } = o.StartEpsilon;

        public double Temperature { get; private set; } = o.StartTemperature;

        public void Progress(long steps)
        {
            var duration = o.ExplorationFraction * o.TotalSteps;
            Epsilon = Schedules.Linear(o.StartEpsilon, o.FinalEpsilon, duration, steps);
            Temperature = Schedules.Linear(o.StartTemperature, o.FinalTemperature, duration, steps);
        }

        /// <summary>Registers the visit counts UCB explores by, for a resumed run.</summary>
        public void Register(TrainingState state)
        {
            state.Add("state_counts", _stateCounts);
            state.Add("action_counts", _actionCounts);
        }

        public void Count(int state, int action)
        {
            _stateCounts[state]++;
            _actionCounts[(state * policy.ActionCount) + action]++;
        }

        public int Choose(int state)
        {
            switch (o.Exploration)
            {
                case Exploration.Boltzmann:
                    Probabilities(state);
                    var u = random.NextDouble();
                    for (var a = 0; a < _probabilities.Length; a++)
                    {
                        u -= _probabilities[a];
                        if (u < 0)
                        {
                            return a;
                        }
                    }

                    return _probabilities.Length - 1;
                case Exploration.Ucb:
                    var best = 0;
                    var bestScore = double.NegativeInfinity;
                    for (var a = 0; a < policy.ActionCount; a++)
                    {
                        var tried = _actionCounts[(state * policy.ActionCount) + a];
                        if (tried == 0)
                        {
                            return a;
                        }

                        var score = policy.Q[(state * policy.ActionCount) + a] + (o.UcbC * Math.Sqrt(Math.Log(_stateCounts[state]) / tried));
                        if (score > bestScore)
                        {
                            (best, bestScore) = (a, score);
                        }
                    }

                    return best;
                default:
                    return random.NextDouble() < Epsilon ? random.Next(policy.ActionCount) : policy.Greedy(state);
            }
        }

        /// <summary>Σ_a π(a|s) Q(s, a) under the exploration policy (UCB: the greedy value).</summary>
        public double ExpectedValue(int state)
        {
            var row = policy.Q.AsSpan(state * policy.ActionCount, policy.ActionCount);
            if (o.Exploration == Exploration.Ucb)
            {
                return row[policy.Greedy(state)];
            }

            Probabilities(state);
            double value = 0;
            for (var a = 0; a < row.Length; a++)
            {
                value += _probabilities[a] * row[a];
            }

            return value;
        }

        private void Probabilities(int state)
        {
            var row = policy.Q.AsSpan(state * policy.ActionCount, policy.ActionCount);
            if (o.Exploration == Exploration.Boltzmann)
            {
                var max = double.NegativeInfinity;
                foreach (var q in row)
                {
                    max = Math.Max(max, q);
                }

                double sum = 0;
                for (var a = 0; a < row.Length; a++)
                {
                    _probabilities[a] = Math.Exp((row[a] - max) / Math.Max(Temperature, 1e-6));
                    sum += _probabilities[a];
                }

                for (var a = 0; a < row.Length; a++)
                {
                    _probabilities[a] /= sum;
                }

                return;
            }

            var greedy = policy.Greedy(state);
            for (var a = 0; a < row.Length; a++)
            {
                _probabilities[a] = (Epsilon / row.Length) + (a == greedy ? 1 - Epsilon : 0);
            }
        }
    }
}
