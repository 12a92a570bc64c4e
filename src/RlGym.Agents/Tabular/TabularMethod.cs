namespace RlGym.Agents.Tabular;

/// <summary>Which temporal-difference target a tabular agent learns with.</summary>
public enum TabularMethod
{
    /// <summary>Q-learning (off-policy): target <c>r + γ max_a Q(s', a)</c>.</summary>
    QLearning,

    /// <summary>SARSA (on-policy): target <c>r + γ Q(s', a')</c> with the action actually taken next.</summary>
    Sarsa,

    /// <summary>Expected SARSA: target <c>r + γ Σ_a π(a|s') Q(s', a)</c> under the exploration policy.</summary>
    ExpectedSarsa,
}
