using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Fast;

/// <summary>One copy of Breakout in the fast and GPU variants: the game (<see cref="BreakoutState"/>) and the sticky-action memory.</summary>
public struct BreakoutFastState
{
    /// <summary>The game, stepped by <see cref="BreakoutDynamics.Step(ref BreakoutState, int)"/>.</summary>
    public BreakoutState Game;

    /// <summary>The paddle move applied last step (-1, 0, +1), repeated when the sticky-action draw says so; 0 after a reset.</summary>
    public int LastMove;
}
