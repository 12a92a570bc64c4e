namespace RlGym.Environments.MinAtar;

/// <summary>
/// One Breakout episode's state for the exact variants (<see cref="BreakoutEnv"/> and its batched variant): the game
/// and the sticky-action memory. Unmanaged and fixed-size, so a batch of them is one flat array.
/// </summary>
public struct BreakoutEpisode
{
    /// <summary>The game, stepped by <see cref="BreakoutDynamics.Step(ref BreakoutState, int)"/>.</summary>
    public BreakoutState Game;

    /// <summary>The paddle move applied last step (-1, 0, +1), repeated when the sticky-action draw says so; 0 after a reset.</summary>
    public int LastMove;
}
