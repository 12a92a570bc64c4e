using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace GoodPlugin;

/// <summary>
/// The rules of <see cref="LadderEnv"/>, once: a climber on rung 0 to <c>height - 1</c> of a ladder moves up (action 1)
/// or down (action 0), but slips the other way with probability <c>slip</c>; reaching the top rung pays 1 and ends the
/// episode. The rules are integers, so the exact contract (<see cref="IDynamics{TState, TObs, TAction}"/>: the scalar
/// env and the soa variant) and the fast one (<see cref="IFastDynamics{TState, TObs, TAction}"/>: the fast CPU and GPU
/// variants) share <see cref="Climb"/>; only the generator differs (NumPy's, or <see cref="FastRandom"/>).
/// The state is the rung; the observation is the rung as float32.
/// </summary>
public readonly struct LadderDynamics : IDynamics<int, float, int>, IFastDynamics<int, float, int>
{
    /// <summary>Rules for a ladder of <paramref name="height"/> rungs with slip probability <paramref name="slip"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 rungs, or a probability outside [0, 1].</exception>
    public LadderDynamics(int height, double slip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        if (slip is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(slip), slip, "slip is a probability, in [0, 1].");
        }

        Height = height;
        Slip = slip;
    }

    /// <summary>Rungs of the ladder.</summary>
    public int Height { get; }

    /// <summary>Probability that a move goes the other way.</summary>
    public double Slip { get; }

    /// <summary>The rung after moving from <paramref name="rung"/>, up when <paramref name="up"/>.</summary>
    public static int Climb(int rung, bool up, int height) => Math.Min(Math.Max(rung + (up ? 1 : -1), 0), height - 1);

    /// <inheritdoc />
    public int Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options) => (int)random.Integers(0, Height - 1);

    /// <inheritdoc />
    public double Step(ref int state, ReadOnlySpan<int> action, NumpyGenerator random, out bool terminated)
    {
        state = Climb(state, (action[0] == 1) != (random.Random() < Slip), Height);
        terminated = state == Height - 1;
        return terminated ? 1 : 0;
    }

    /// <inheritdoc />
    public void Observe(in int state, Span<float> observation) => observation[0] = state;

    /// <inheritdoc />
    public int Reset(ref FastRandom random) => (int)(random.NextFloat() * (Height - 1));

    /// <inheritdoc />
    public int Step(int state, int action, ref FastRandom random, out float reward, out bool terminated)
    {
        var next = Climb(state, (action == 1) != (random.NextFloat() < (float)Slip), Height);
        terminated = next == Height - 1;
        reward = terminated ? 1 : 0;
        return next;
    }

    /// <inheritdoc />
    public void Observe(in int state, out float observation) => observation = state;
}
