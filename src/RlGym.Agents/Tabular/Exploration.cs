namespace RlGym.Agents.Tabular;

/// <summary>How a tabular agent explores.</summary>
public enum Exploration
{
    /// <summary>A random action with probability ε (decayed linearly), otherwise the greedy one.</summary>
    EpsilonGreedy,

    /// <summary>Boltzmann / softmax: <c>π(a|s) ∝ exp(Q(s, a) / τ)</c> with the temperature τ decayed linearly.</summary>
    Boltzmann,

    /// <summary>UCB1: <c>argmax_a Q(s, a) + c √(ln N(s) / N(s, a))</c>, untried actions first.</summary>
    Ucb,
}
