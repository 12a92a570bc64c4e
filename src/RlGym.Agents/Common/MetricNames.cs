namespace RlGym.Agents.Common;

/// <summary>The metric names the algorithms record (CleanRL / Stable-Baselines3 names, see STYLE.md).</summary>
public static class MetricNames
{
    /// <summary>Undiscounted return of each finished training episode.</summary>
    public const string EpisodicReturn = "charts/episodic_return";

    /// <summary>Length of each finished training episode.</summary>
    public const string EpisodicLength = "charts/episodic_length";

    /// <summary>Environment steps per second since training started.</summary>
    public const string Sps = "charts/SPS";

    /// <summary>The current learning rate.</summary>
    public const string LearningRate = "charts/learning_rate";

    /// <summary>The current exploration ε (DQN, tabular ε-greedy).</summary>
    public const string Epsilon = "charts/epsilon";

    /// <summary>Mean Q value of the actions taken in a training batch (DQN, SAC, TD3).</summary>
    public const string QValues = "charts/q_values";

    /// <summary>Value-function loss (actor-critic methods).</summary>
    public const string ValueLoss = "losses/value_loss";

    /// <summary>Policy-gradient loss.</summary>
    public const string PolicyLoss = "losses/policy_loss";

    /// <summary>Mean entropy of the policy.</summary>
    public const string Entropy = "losses/entropy";

    /// <summary>Approximate KL divergence between the old and new policy (PPO).</summary>
    public const string ApproxKl = "losses/approx_kl";

    /// <summary>Fraction of samples whose ratio was clipped (PPO).</summary>
    public const string ClipFraction = "losses/clipfrac";

    /// <summary>Explained variance of the value function over the rollout.</summary>
    public const string ExplainedVariance = "losses/explained_variance";

    /// <summary>Temporal-difference loss (DQN, tabular).</summary>
    public const string TdLoss = "losses/td_loss";

    /// <summary>Mean squared TD error of the twin Q critics (SAC, TD3).</summary>
    public const string QfLoss = "losses/qf_loss";

    /// <summary>Loss of the actor (SAC, TD3).</summary>
    public const string ActorLoss = "losses/actor_loss";

    /// <summary>The entropy coefficient α (SAC).</summary>
    public const string Alpha = "losses/alpha";

    /// <summary>Loss of the automatic entropy tuning (SAC).</summary>
    public const string AlphaLoss = "losses/alpha_loss";

    /// <summary>Mean return of a periodic evaluation of the greedy policy.</summary>
    public const string EvalMeanReturn = "eval/mean_return";

    /// <summary>Standard deviation of the returns of a periodic evaluation.</summary>
    public const string EvalStdReturn = "eval/std_return";
}
