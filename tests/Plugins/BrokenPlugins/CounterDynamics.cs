using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace BrokenPlugins;

/// <summary>
/// The counter of <see cref="FlawedEnv"/> as dynamics: a position starting at 0 to 9, action 1 advances it by
/// <c>stride</c> and pays <c>stride</c>; terminated at 100. Built with a stride other than the scalar env's, it makes a
/// batched variant that disagrees with it (see <see cref="FlawedVariants"/>).
/// </summary>
/// <param name="stride">How far, and for how much reward, one advance goes.</param>
public readonly struct CounterDynamics(int stride) : IDynamics<int, float, int>, IFastDynamics<int, float, int>
{
    /// <inheritdoc />
    public int Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options) => (int)random.Integers(0, 10);

    /// <inheritdoc />
    public double Step(ref int state, ReadOnlySpan<int> action, NumpyGenerator random, out bool terminated)
    {
        state = Math.Min(100, state + (action[0] * stride));
        terminated = state >= 100;
        return action[0] * stride;
    }

    /// <inheritdoc />
    public void Observe(in int state, Span<float> observation) => observation[0] = state;

    /// <inheritdoc />
    public int Reset(ref FastRandom random) => (int)(random.NextFloat() * 10);

    /// <inheritdoc />
    public int Step(int state, int action, ref FastRandom random, out float reward, out bool terminated)
    {
        var next = Math.Min(100, state + (action * stride));
        terminated = next >= 100;
        reward = action * stride;
        return next;
    }

    /// <inheritdoc />
    public void Observe(in int state, out float observation) => observation = state;
}
