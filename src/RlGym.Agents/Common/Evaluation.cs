using RlGym.Core;

namespace RlGym.Agents.Common;

/// <summary>Runs a policy for whole episodes and summarises returns, lengths and success.</summary>
public static class Evaluation
{
    /// <summary>
    /// Plays <paramref name="episodes"/> episodes of <paramref name="policy"/> (deterministic actions) on
    /// <paramref name="env"/>; episode k is reset with seed <c>seed + k</c>. Success is the <c>is_success</c> info
    /// entry of the last step when the environment reports one; otherwise, for goal-reaching environments
    /// (Taxi, CliffWalking, MountainCar, Acrobot) termination, for FrozenLake (whose holes also terminate) and
    /// Blackjack a positive final reward;
    /// otherwise undefined (null).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="episodes"/> is less than 1.</exception>
    public static EvaluationResult Run(IPolicy policy, IEnv env, int episodes, ulong seed, bool deterministic = true)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        var returns = new double[episodes];
        var lengths = new int[episodes];
        var successes = 0;
        var successDefined = true;
        var rule = SuccessRule(env.Spec?.Id);
        for (var episode = 0; episode < episodes; episode++)
        {
            var observation = env.ResetObject(seed + (ulong)episode).Observation;
            StepResult<object> step;
            do
            {
                step = env.StepObject(policy.Act(observation, deterministic));
                observation = step.Observation;
                returns[episode] += step.Reward;
                lengths[episode]++;
            }
            while (!step.Done);

            bool? success = step.Info.TryGetValue("is_success", out var flag) ? Convert.ToBoolean(flag, System.Globalization.CultureInfo.InvariantCulture) : rule?.Invoke(step);
            successDefined &= success.HasValue;
            successes += success == true ? 1 : 0;
        }

        var mean = returns.Average();
        return new EvaluationResult
        {
            MeanReturn = mean,
            StdReturn = Math.Sqrt(returns.Select(r => (r - mean) * (r - mean)).Average()),
            SuccessRate = successDefined ? successes / (double)episodes : null,
            MeanLength = lengths.Average(),
            Returns = returns,
            Lengths = lengths,
        };
    }

    // Success for environments without an is_success info entry, by the id's name (version and namespace aside).
    private static Func<StepResult<object>, bool>? SuccessRule(string? id)
    {
        var name = id?.Split('/')[^1].Split("-v")[0];
        return name switch
        {
            "Taxi" or "CliffWalking" or "MountainCar" or "MountainCarContinuous" or "Acrobot" => step => step.Terminated,
            "FrozenLake" or "FrozenLake8x8" or "Blackjack" => step => step.Reward > 0,
            _ => null,
        };
    }
}
