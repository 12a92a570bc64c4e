using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using RlGym.Agents.Dqn;
using RlGym.Agents.PolicyGradient;
using RlGym.Agents.Tabular;

namespace RlGym.Cli.Training;

/// <summary>
/// Reads an algorithm's tuned preset for an environment with the <c>--set</c> overrides applied, before training
/// starts: so bad overrides fail before anything is written, and the progress bar knows the total steps.
/// </summary>
internal static class AlgorithmPresets
{
    /// <summary>
    /// The env steps a run will train for: <paramref name="totalSteps"/> when given, else the preset's (after the
    /// overrides); null for an algorithm this table does not know.
    /// </summary>
    /// <exception cref="ArgumentException">An override names an unknown option or has an unparsable value.</exception>
    public static long? TotalSteps(string algorithm, string envId, IReadOnlyDictionary<string, string> overrides, long? totalSteps)
    {
        long? preset = algorithm switch
        {
            "q-learning" or "sarsa" or "expected-sarsa" => OptionsBinder.Apply(TabularOptions.For(envId), overrides).TotalSteps,
            "dqn" => OptionsBinder.Apply(DqnOptions.For(envId), overrides).TotalSteps,
            "ppo" => OptionsBinder.Apply(PpoOptions.For(envId), overrides).TotalSteps,
            "a2c" => OptionsBinder.Apply(A2cOptions.For(envId), overrides).TotalSteps,
            "reinforce" => OptionsBinder.Apply(ReinforceOptions.For(envId), overrides).TotalSteps,
            "sac" => OptionsBinder.Apply(SacOptions.For(envId), overrides).TotalSteps,
            "td3" => OptionsBinder.Apply(Td3Options.For(envId), overrides).TotalSteps,
            _ => null,
        };
        return totalSteps ?? preset;
    }
}
