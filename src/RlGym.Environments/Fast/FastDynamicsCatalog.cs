using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Fast;

/// <summary>The one place that maps a scalar environment (with its kwargs) to its fast per-element dynamics (fast CPU and GPU variants).</summary>
public static class FastDynamicsCatalog
{
    /// <summary>Whether <paramref name="bare"/> (an unwrapped environment) has fast dynamics.</summary>
    public static bool Supports(IEnv bare) =>
        bare is CartPoleEnv or MountainCarEnv or MountainCarContinuousEnv or AcrobotEnv or PendulumEnv or BreakoutEnv;

    /// <summary>Hands <paramref name="bare"/>'s fast dynamics, built from its kwargs, to <paramref name="visitor"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="bare"/> has no fast dynamics (see <see cref="Supports"/>).</exception>
    public static TResult Accept<TResult>(IEnv bare, IFastDynamicsVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return bare switch
        {
            CartPoleEnv env => visitor.Visit<CartPoleFastDynamics, Float4, Float4, float, int>(new(env.SuttonBartoReward), env),
            MountainCarEnv env => visitor.Visit<MountainCarFastDynamics, Float2, Float2, float, int>(new((float)env.GoalVelocity), env),
            MountainCarContinuousEnv env => visitor.Visit<MountainCarContinuousFastDynamics, Float2, Float2, float, float>(new((float)env.GoalVelocity), env),
            AcrobotEnv env => visitor.Visit<AcrobotFastDynamics, Float4, AcrobotObservation, float, int>(default, env),
            PendulumEnv env => visitor.Visit<PendulumFastDynamics, Float2, Float3, float, float>(new((float)env.G), env),
            BreakoutEnv env => visitor.Visit<BreakoutFastDynamics, BreakoutFastState, BreakoutObservation, bool, int>(
                new((float)env.StickyActionProb, env.UseMinimalActionSet), env),
            _ => throw new ArgumentException($"{bare?.GetType().Name ?? "null"} has no fast dynamics (fast / gpu variants).", nameof(bare)),
        };
    }
}
