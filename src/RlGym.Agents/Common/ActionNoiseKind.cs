namespace RlGym.Agents.Common;

/// <summary>Exploration noise an off-policy actor adds to its actions in [-1, 1] (Stable-Baselines3's <c>action_noise</c>).</summary>
public enum ActionNoiseKind
{
    /// <summary>No added noise (SAC explores through its own Gaussian).</summary>
    None,

    /// <summary>Independent Gaussian noise each step (SB3's <c>NormalActionNoise</c>).</summary>
    Normal,

    /// <summary>
    /// Temporally correlated Ornstein-Uhlenbeck noise (SB3's <c>OrnsteinUhlenbeckActionNoise</c>, θ = 0.15, dt = 0.01),
    /// reset when a copy's episode ends: it pushes in one direction for many steps.
    /// </summary>
    OrnsteinUhlenbeck,
}
