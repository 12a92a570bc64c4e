namespace RlGym.Environments.ClassicControl;

/// <summary>One MountainCarContinuous episode's state (Gymnasium's <c>env.unwrapped.state</c>) and its precision.</summary>
/// <param name="Position">Position along the track, in [-1.2, 0.6].</param>
/// <param name="Velocity">Velocity, in [-0.07, 0.07].</param>
/// <param name="IsFloat32">
/// True once a step stored the state as float32, as Gymnasium does; false after reset, whose state is float64. NumPy 2
/// computes the next step in the state's precision.
/// </param>
public readonly record struct MountainCarContinuousState(double Position, double Velocity, bool IsFloat32);
