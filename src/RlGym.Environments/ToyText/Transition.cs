namespace RlGym.Environments.ToyText;

/// <summary>
/// One possible outcome of an action in a tabular environment (an entry of Gymnasium's <c>P[s][a]</c> list).
/// </summary>
/// <param name="Probability">Probability of this outcome; reported as the step's <c>info["prob"]</c>.</param>
/// <param name="NextState">The state the environment moves to.</param>
/// <param name="Reward">The reward for the step.</param>
/// <param name="Terminated">True when the next state ends the episode.</param>
public readonly record struct Transition(double Probability, int NextState, double Reward, bool Terminated);
