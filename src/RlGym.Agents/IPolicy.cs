using RlGym.Core.Spaces;

namespace RlGym.Agents;

/// <summary>
/// A trained (or training) policy: maps one observation of <see cref="ObservationSpace"/> to one action of
/// <see cref="ActionSpace"/>. Owned by whoever created it (a <see cref="TrainResult"/> or a loaded checkpoint); disposing
/// it releases its tensors.
/// </summary>
public interface IPolicy : IDisposable
{
    /// <summary>The space of the observations <see cref="Act"/> accepts (one copy's space).</summary>
    Space ObservationSpace { get; }

    /// <summary>The space of the actions <see cref="Act"/> returns.</summary>
    Space ActionSpace { get; }

    /// <summary>
    /// Chooses an action for one observation of the space's value type (<c>float[]</c> for a float32 Box, <c>int</c>
    /// for Discrete, <c>bool[]</c> for a bool Box, <c>sbyte[]</c> for MultiBinary). Returns the action space's value
    /// type: <c>int</c> for Discrete, <c>float[]</c> for a float32 Box (clipped to its bounds).
    /// </summary>
    /// <param name="observation">One observation (not a batch).</param>
    /// <param name="deterministic">
    /// True: the most likely action (greedy Q, the distribution's mode or mean). False: sample from the policy's
    /// distribution (value-based policies stay greedy).
    /// </param>
    /// <exception cref="ArgumentException">The observation is not of the space's value type or size.</exception>
    object Act(object observation, bool deterministic = true);
}
