namespace RlGym.Agents.Common;

/// <summary>
/// Generalised advantage estimation (Schulman et al. 2016) over a rollout laid out <c>[step * envs + copy]</c>, with
/// next-step autoreset semantics: the observation after step t is the one the critic valued at step t + 1 (or
/// <c>lastValues</c> after the final step), so on truncation it bootstraps from the final observation's value and
/// on termination from nothing. Steps marked invalid (the autoreset step after an episode ended) get advantage 0.
/// </summary>
public static class Gae
{
    /// <summary>Fills <paramref name="advantages"/> and <paramref name="returns"/> (= advantages + values).</summary>
    /// <param name="rewards">Reward of each step.</param>
    /// <param name="values">Critic value of the observation each step started from.</param>
    /// <param name="terminations">The step ended its episode in a terminal state (no bootstrap).</param>
    /// <param name="dones">The step ended its episode (terminated or truncated): the advantage chain stops there.</param>
    /// <param name="valid">The step was a real transition; invalid steps get advantage 0.</param>
    /// <param name="lastValues">Critic value of the observation after the last step, per copy.</param>
    /// <param name="envs">Copies (the inner dimension).</param>
    /// <param name="gamma">Discount factor γ.</param>
    /// <param name="lambda">GAE λ (1: Monte-Carlo returns bootstrapped at the rollout's end).</param>
    /// <param name="advantages">Output, same layout.</param>
    /// <param name="returns">Output, same layout.</param>
    public static void Compute(
        ReadOnlySpan<float> rewards,
        ReadOnlySpan<float> values,
        ReadOnlySpan<bool> terminations,
        ReadOnlySpan<bool> dones,
        ReadOnlySpan<bool> valid,
        ReadOnlySpan<float> lastValues,
        int envs,
        double gamma,
        double lambda,
        Span<float> advantages,
        Span<float> returns)
    {
        var steps = rewards.Length / envs;
        for (var i = 0; i < envs; i++)
        {
            double running = 0;
            for (var t = steps - 1; t >= 0; t--)
            {
                var k = (t * envs) + i;
                if (!valid[k])
                {
                    running = 0;
                    advantages[k] = 0;
                    returns[k] = values[k];
                    continue;
                }

                var nextValue = t == steps - 1 ? lastValues[i] : values[k + envs];
                var bootstrap = terminations[k] ? 0 : gamma * nextValue;
                var delta = rewards[k] + bootstrap - values[k];
                running = delta + (dones[k] ? 0 : gamma * lambda * running);
                advantages[k] = (float)running;
                returns[k] = (float)(running + values[k]);
            }
        }
    }
}
