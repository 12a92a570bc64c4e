namespace RlGym.Environments.ClassicControl;

/// <summary>One Pendulum episode's state: Gymnasium's float64 <c>env.unwrapped.state</c> and the last torque.</summary>
/// <param name="Theta">Angle from upright (rad, positive counter-clockwise).</param>
/// <param name="ThetaDot">Angular velocity (rad/s).</param>
/// <param name="LastTorque">The clipped torque of the last step (Gymnasium's <c>last_u</c>, drawn by the renderer); null after reset.</param>
public readonly record struct PendulumState(double Theta, double ThetaDot, float? LastTorque);
