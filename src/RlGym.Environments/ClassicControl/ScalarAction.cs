using RlGym.Core;

namespace RlGym.Environments.ClassicControl;

/// <summary>Reads the one value of a Box action of shape (1,) (MountainCarContinuous, Pendulum).</summary>
internal static class ScalarAction
{
    /// <summary>The action's single value; out-of-bounds values pass, as Gymnasium clips them in the dynamics.</summary>
    /// <exception cref="InvalidActionException">The action does not hold exactly one value.</exception>
    public static float Read(float[] action, string envId)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Length == 1
            ? action[0]
            : throw new InvalidActionException($"{envId} takes an action of shape (1,), got {action.Length} values {Formatting.Describe(action)}.");
    }
}
