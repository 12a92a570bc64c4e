namespace RlGym.Core;

/// <summary>What <c>step</c> returns: <c>(obs, reward, terminated, truncated, info)</c>.</summary>
/// <param name="Observation">The observation after the step.</param>
/// <param name="Reward">The reward for the step.</param>
/// <param name="Terminated">The episode reached a terminal state of the task.</param>
/// <param name="Truncated">The episode was cut short, e.g. by the time limit.</param>
/// <param name="Info">Diagnostic information (Gymnasium's info dict).</param>
public readonly record struct StepResult<TObs>(
    TObs Observation,
    double Reward,
    bool Terminated,
    bool Truncated,
    IReadOnlyDictionary<string, object> Info)
{
    /// <summary>True when the episode ended for either reason.</summary>
    public bool Done => Terminated || Truncated;
}
