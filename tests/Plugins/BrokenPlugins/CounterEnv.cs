using RlGym.Core.Dynamics;
using RlGym.Core.Spaces;

namespace BrokenPlugins;

/// <summary>A correct scalar environment on <see cref="CounterDynamics"/> (stride 1): <c>Box(0, 100, (1,), float32)</c>, <c>Discrete(2)</c>.</summary>
public sealed class CounterEnv(string? renderMode = null)
    : DynamicsEnv<CounterDynamics, int, float, int, int>(new CounterDynamics(1), new Box<float>(0, 100, [1]), new Discrete(2), renderMode: renderMode);
