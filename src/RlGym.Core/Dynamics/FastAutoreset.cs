using System.Runtime.CompilerServices;

namespace RlGym.Core.Dynamics;

/// <summary>
/// The per-copy step with next-step autoreset and the time limit, shared by the fast CPU loop and the GPU kernel.
/// A copy's step counter doubles as its "ended" flag: <see cref="Ended"/> means its last step terminated or truncated,
/// so this step resets it instead (reward 0, flags false, its action ignored), as Gymnasium's next-step autoreset does.
/// </summary>
public static class FastAutoreset
{
    /// <summary>The step counter of a copy whose episode ended on its last step.</summary>
    public const int Ended = -1;

    /// <summary>Steps (or autoresets) one copy.</summary>
    /// <param name="dynamics">The environment's dynamics.</param>
    /// <param name="state">The copy's state, updated.</param>
    /// <param name="action">The copy's action.</param>
    /// <param name="random">The copy's generator (drawn from on autoreset, and by dynamics that draw while stepping).</param>
    /// <param name="elapsed">Steps in the current episode, or <see cref="Ended"/>; updated.</param>
    /// <param name="maxEpisodeSteps">Truncate after this many steps; 0 for no limit.</param>
    /// <param name="observation">The copy's new observation.</param>
    /// <param name="reward">The step's reward (0 on autoreset).</param>
    /// <param name="terminated">Whether the new state is terminal.</param>
    /// <param name="truncated">Whether the time limit cut the episode short.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StepCopy<TDynamics, TState, TObs, TAction>(
        TDynamics dynamics,
        ref TState state,
        TAction action,
        ref FastRandom random,
        ref int elapsed,
        int maxEpisodeSteps,
        out TObs observation,
        out float reward,
        out bool terminated,
        out bool truncated)
        where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
        where TState : unmanaged
        where TObs : unmanaged
        where TAction : unmanaged
    {
        if (elapsed == Ended)
        {
            state = dynamics.Reset(ref random);
            elapsed = 0;
            reward = 0f;
            terminated = false;
            truncated = false;
        }
        else
        {
            state = dynamics.Step(state, action, ref random, out reward, out terminated);
            elapsed++;
            truncated = maxEpisodeSteps > 0 && elapsed >= maxEpisodeSteps;
            if (terminated || truncated)
            {
                elapsed = Ended;
            }
        }

        dynamics.Observe(state, out observation);
    }
}
