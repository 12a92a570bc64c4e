namespace MyTask;

/// <summary>
/// One observation as the fast variants write it: laid out exactly as the observation's two float32 elements, so a
/// batch of them is the observation batch.
/// </summary>
/// <param name="Row">The cat's row.</param>
/// <param name="Column">The cat's column.</param>
public readonly record struct MyTaskObservation(float Row, float Column);
