namespace RlGym.Core;

/// <summary>The Python type of the rewards Gymnasium returns for an environment.</summary>
public enum RewardType
{
    /// <summary>Python <c>float</c> (classic control, Blackjack).</summary>
    Float,

    /// <summary>Python <c>int</c> (FrozenLake, Taxi, CliffWalking): integral values that stay ints on the wire.</summary>
    Int,
}
