namespace RlGym.Core.Dynamics;

/// <summary>
/// An environment's fast dynamics with their concrete types, handed to a visitor that builds a variant from them (the
/// fast CPU loop, the GPU kernel) without knowing the environment. Register one with
/// <c>EnvRegistry.RegisterFastDynamics</c>.
/// </summary>
public interface IFastDynamicsSource
{
    /// <summary>Hands the dynamics to <paramref name="visitor"/>; <paramref name="prototype"/> is the scalar env they mirror.</summary>
    TResult Accept<TResult>(IFastDynamicsVisitor<TResult> visitor, IEnv prototype);
}

/// <summary>Wraps fast dynamics as an <see cref="IFastDynamicsSource"/>.</summary>
public static class FastDynamicsSource
{
    /// <summary>
    /// The source of <paramref name="dynamics"/>, whose observations batch as <typeparamref name="TObsElement"/>[]
    /// (<c>float</c> for a float32 Box, <c>bool</c> for a bool Box).
    /// </summary>
    public static IFastDynamicsSource Of<TDynamics, TState, TObs, TObsElement, TAction>(TDynamics dynamics)
        where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
        where TState : unmanaged
        where TObs : unmanaged
        where TObsElement : unmanaged
        where TAction : unmanaged =>
        new Source<TDynamics, TState, TObs, TObsElement, TAction>(dynamics);

    private sealed class Source<TDynamics, TState, TObs, TObsElement, TAction>(TDynamics dynamics) : IFastDynamicsSource
        where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
        where TState : unmanaged
        where TObs : unmanaged
        where TObsElement : unmanaged
        where TAction : unmanaged
    {
        public TResult Accept<TResult>(IFastDynamicsVisitor<TResult> visitor, IEnv prototype)
        {
            ArgumentNullException.ThrowIfNull(visitor);
            return visitor.Visit<TDynamics, TState, TObs, TObsElement, TAction>(dynamics, prototype);
        }
    }
}
