namespace MyTask;

/// <summary>Everything one copy of <see cref="MyTaskEnv"/> carries between steps: the cat's cell.</summary>
/// <param name="Row">The cat's row, 0 at the top.</param>
/// <param name="Column">The cat's column, 0 on the left.</param>
public readonly record struct MyTaskState(int Row, int Column);
