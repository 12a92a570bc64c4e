using RlGym.Core;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Fast;

/// <summary>The one place that maps a scalar environment (with its kwargs) to its float32 dynamics.</summary>
public static class FastDynamicsCatalog
{
    /// <summary>Whether <paramref name="bare"/> (an unwrapped environment) has float32 dynamics.</summary>
    public static bool Supports(IEnv bare) =>
        bare is CartPoleEnv or MountainCarEnv or MountainCarContinuousEnv or AcrobotEnv or PendulumEnv;

    /// <summary>Hands <paramref name="bare"/>'s float32 dynamics, built from its kwargs, to <paramref name="visitor"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="bare"/> has no float32 dynamics (see <see cref="Supports"/>).</exception>
    public static TResult Accept<TResult>(IEnv bare, IFastDynamicsVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return bare switch
        {
            CartPoleEnv env => visitor.Visit<CartPoleFastDynamics, Float4, Float4, int>(new(env.SuttonBartoReward), env),
            MountainCarEnv env => visitor.Visit<MountainCarFastDynamics, Float2, Float2, int>(new((float)env.GoalVelocity), env),
            MountainCarContinuousEnv env => visitor.Visit<MountainCarContinuousFastDynamics, Float2, Float2, float>(new((float)env.GoalVelocity), env),
            AcrobotEnv env => visitor.Visit<AcrobotFastDynamics, Float4, AcrobotObservation, int>(default, env),
            PendulumEnv env => visitor.Visit<PendulumFastDynamics, Float2, Float3, float>(new((float)env.G), env),
            _ => throw new ArgumentException($"{bare?.GetType().Name ?? "null"} has no float32 dynamics (fast / gpu variants).", nameof(bare)),
        };
    }
}
