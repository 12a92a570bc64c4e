using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace MyTask;

/// <summary>
/// The rules of <see cref="MyTaskEnv"/>, written once: where an episode starts, how the cat moves, what pays and ends
/// the episode, what is observed. Every variant runs them: the scalar environment and its batched (soa) variant through
/// <see cref="IDynamics{TState, TObs, TAction}"/> (NumPy's generator, so copy i of a batch equals the scalar
/// environment seeded alike, bit for bit), the fast CPU and GPU variants through
/// <see cref="IFastDynamics{TState, TObs, TAction}"/> (their own generator, so equal in distribution only). The rules
/// are integers, so both contracts share <see cref="Start"/>, <see cref="Move"/> and <see cref="AtPost"/>.
/// </summary>
/// <remarks>
/// Keep it a <c>readonly struct</c> whose fields are the kwargs, and every method pure: randomness only from the
/// generator passed in, per-episode data only in <see cref="MyTaskState"/>. The fast methods run in a GPU kernel too:
/// no allocation, no exceptions, no managed references.
/// </remarks>
public readonly struct MyTaskDynamics : IDynamics<MyTaskState, float, int>, IFastDynamics<MyTaskState, MyTaskObservation, int>
{
    /// <summary>The rules on a grid of <paramref name="size"/> x <paramref name="size"/> cells.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 2.</exception>
    public MyTaskDynamics(int size)
    {
        if (size < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "size must be at least 2 (the cat needs a cell besides the post's).");
        }

        Size = size;
    }

    /// <summary>Cells per side of the grid.</summary>
    public int Size { get; }

    /// <summary>The cat in cell <paramref name="cell"/> (<c>row * size + column</c>).</summary>
    public MyTaskState Start(int cell) => new(cell / Size, cell % Size);

    /// <summary>The cat after <paramref name="action"/> (0 up, 1 right, 2 down, 3 left); a move into a wall keeps it in place.</summary>
    public MyTaskState Move(MyTaskState cat, int action) => action switch
    {
        0 => cat with { Row = Math.Max(cat.Row - 1, 0) },
        1 => cat with { Column = Math.Min(cat.Column + 1, Size - 1) },
        2 => cat with { Row = Math.Min(cat.Row + 1, Size - 1) },
        _ => cat with { Column = Math.Max(cat.Column - 1, 0) },
    };

    /// <summary>True when the cat has reached the post (the bottom-right cell).</summary>
    public bool AtPost(MyTaskState cat) => cat.Row == Size - 1 && cat.Column == Size - 1;

    /// <inheritdoc />
    public MyTaskState Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options) =>
        // Every cell but the post's (the last one), uniformly.
        Start((int)random.Integers(0, (Size * Size) - 1));

    /// <inheritdoc />
    public double Step(ref MyTaskState state, ReadOnlySpan<int> action, NumpyGenerator random, out bool terminated)
    {
        // The action is already checked against Discrete(4). Truncation is the registry's time limit, never the rules'.
        state = Move(state, action[0]);
        terminated = AtPost(state);
        return terminated ? 1 : 0;
    }

    /// <inheritdoc />
    public void Observe(in MyTaskState state, Span<float> observation)
    {
        observation[0] = state.Row;
        observation[1] = state.Column;
    }

    /// <inheritdoc />
    public MyTaskState Reset(ref FastRandom random) =>
        Start(Math.Min((int)(random.NextFloat() * ((Size * Size) - 1)), (Size * Size) - 2));

    /// <inheritdoc />
    public MyTaskState Step(MyTaskState state, int action, ref FastRandom random, out float reward, out bool terminated)
    {
        var next = Move(state, action);
        terminated = AtPost(next);
        reward = terminated ? 1 : 0;
        return next;
    }

    /// <inheritdoc />
    public void Observe(in MyTaskState state, out MyTaskObservation observation) => observation = new(state.Row, state.Column);
}
