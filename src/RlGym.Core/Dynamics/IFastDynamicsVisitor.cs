using RlGym.Core;

namespace RlGym.Core.Dynamics;

/// <summary>
/// Receives an environment's fast dynamics with its concrete types (see <c>EnvRegistry.FastDynamics</c>), so a
/// generic variant (fast CPU, GPU) can be built without a switch per environment.
/// </summary>
/// <typeparam name="TResult">What the visitor builds.</typeparam>
public interface IFastDynamicsVisitor<out TResult>
{
    /// <summary>
    /// Builds from <paramref name="dynamics"/>; <paramref name="prototype"/> is the bare scalar env it mirrors, and
    /// <typeparamref name="TObsElement"/> the element type of its observation batch (<c>float</c> or <c>bool</c>).
    /// </summary>
    TResult Visit<TDynamics, TState, TObs, TObsElement, TAction>(TDynamics dynamics, IEnv prototype)
        where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
        where TState : unmanaged
        where TObs : unmanaged
        where TObsElement : unmanaged
        where TAction : unmanaged;
}
