using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Spaces;

namespace RlGym.Core.Tests.Dynamics;

/// <summary>A walker on a line, written once as dynamics: the smallest env built on <see cref="IDynamics{TState, TObs, TAction}"/>.</summary>
internal readonly struct WalkDynamics(double stride) : IDynamics<WalkState, float, int>
{
    public WalkState Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options) =>
        new(random.Uniform(-1.0, 1.0), 0);

    public double Step(ref WalkState state, ReadOnlySpan<int> action, NumpyGenerator random, out bool terminated)
    {
        var position = state.Position + (action[0] == 1 ? stride : -stride);
        state = new(position, state.Steps + 1);
        terminated = Math.Abs(position) > 2;
        return -Math.Abs(position);
    }

    public void Observe(in WalkState state, Span<float> observation)
    {
        observation[0] = (float)state.Position;
        observation[1] = state.Steps;
    }
}

internal readonly record struct WalkState(double Position, int Steps);

/// <summary>The scalar walker: spaces and nothing else.</summary>
internal sealed class WalkEnv(double stride = 0.5) : DynamicsEnv<WalkDynamics, WalkState, float, int, int>(
    new WalkDynamics(stride), new Box<float>(double.NegativeInfinity, double.PositiveInfinity, [2]), new Discrete(2))
{
    public WalkState State => CurrentState;
}

/// <summary>A pusher with a Box action of two elements (summed): exercises array actions.</summary>
internal readonly struct PushDynamics : IDynamics<double, float, float>
{
    public double Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options) => random.Uniform(-1.0, 1.0);

    public double Step(ref double state, ReadOnlySpan<float> action, NumpyGenerator random, out bool terminated)
    {
        state += action[0] + action[1];
        terminated = false;
        return state;
    }

    public void Observe(in double state, Span<float> observation) => observation[0] = (float)state;
}

internal sealed class PushEnv() : DynamicsEnv<PushDynamics, double, float, float[], float>(
    default, new Box<float>(double.NegativeInfinity, double.PositiveInfinity, [1]), new Box<float>(-1, 1, [2]));
