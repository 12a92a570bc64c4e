namespace RlGym.Environments.ClassicControl;

/// <summary>A mountain car's float64 state (Gymnasium's <c>env.unwrapped.state</c>).</summary>
/// <param name="Position">Position along the track, in [-1.2, 0.6].</param>
/// <param name="Velocity">Velocity, in [-0.07, 0.07].</param>
public readonly record struct MountainCarState(double Position, double Velocity);
