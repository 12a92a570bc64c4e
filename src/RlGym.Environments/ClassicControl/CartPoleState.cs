namespace RlGym.Environments.ClassicControl;

/// <summary>CartPole's internal float64 state (Gymnasium's <c>env.unwrapped.state</c>).</summary>
/// <param name="X">Cart position (m).</param>
/// <param name="XDot">Cart velocity (m/s).</param>
/// <param name="Theta">Pole angle from upright (rad, positive leaning right).</param>
/// <param name="ThetaDot">Pole angular velocity (rad/s).</param>
public readonly record struct CartPoleState(double X, double XDot, double Theta, double ThetaDot);

/// <summary>One CartPole episode's state: the physics and Gymnasium's <c>steps_beyond_terminated</c>.</summary>
/// <param name="Physics">The float64 state.</param>
/// <param name="StepsBeyondTerminated">Steps taken after the terminating one; null until termination.</param>
public readonly record struct CartPoleEpisode(CartPoleState Physics, int? StepsBeyondTerminated);
