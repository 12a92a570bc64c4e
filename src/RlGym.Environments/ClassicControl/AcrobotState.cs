namespace RlGym.Environments.ClassicControl;

/// <summary>
/// Acrobot's internal state (Gymnasium's <c>env.unwrapped.state</c>): float32 values widened to float64 after a reset,
/// float64 after a step.
/// </summary>
/// <param name="Theta1">Angle of the first link, 0 hanging straight down (rad, in [-pi, pi] after a step).</param>
/// <param name="Theta2">Angle of the second link relative to the first (rad, in [-pi, pi] after a step).</param>
/// <param name="DTheta1">Angular velocity of the first joint (rad/s, in [-4 pi, 4 pi] after a step).</param>
/// <param name="DTheta2">Angular velocity of the second joint (rad/s, in [-9 pi, 9 pi] after a step).</param>
public readonly record struct AcrobotState(double Theta1, double Theta2, double DTheta1, double DTheta2);
