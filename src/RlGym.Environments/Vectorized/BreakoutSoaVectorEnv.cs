using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// N copies of <see cref="BreakoutEnv"/> (MinAtar Breakout) as flat state arrays, one per field of
/// <see cref="BreakoutState"/>; each copy is loaded into a stack <see cref="BreakoutState"/>, stepped by
/// <see cref="BreakoutDynamics.Step"/> and stored back. Copy i equals a scalar Breakout seeded with <c>seed + i</c>
/// bit for bit, sticky-action draws included. Observations are a flat <c>bool[N * 400]</c> (10 x 10 x 4 per copy),
/// actions an <c>int[N]</c>.
/// </summary>
public sealed class BreakoutSoaVectorEnv : SoaVectorEnv<bool, int>
{
    private const int ObservationLength = BreakoutDynamics.Size * BreakoutDynamics.Size * BreakoutDynamics.Channels;

    private readonly int[] _paddleX;
    private readonly int[] _ballX;
    private readonly int[] _ballY;
    private readonly int[] _directionX;
    private readonly int[] _directionY;
    private readonly int[] _lastX;
    private readonly int[] _lastY;
    private readonly uint[] _bricks;
    private readonly bool[] _strike;
    private readonly bool[] _terminal;
    private readonly int[] _lastMove;
    private readonly double _stickyActionProb;
    private readonly bool _useMinimalActionSet;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy; MinAtar registers none (null).</param>
    /// <param name="stickyActionProb">The kwarg <c>sticky_action_prob</c>, in [0, 1).</param>
    /// <param name="useMinimalActionSet">The kwarg <c>use_minimal_action_set</c>.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public BreakoutSoaVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = null,
        double stickyActionProb = 0.1,
        bool useMinimalActionSet = false,
        EnvSpec? spec = null)
        : base(numEnvs, new BreakoutEnv(stickyActionProb, useMinimalActionSet), autoresetMode, maxEpisodeSteps, spec)
    {
        _paddleX = new int[numEnvs];
        _ballX = new int[numEnvs];
        _ballY = new int[numEnvs];
        _directionX = new int[numEnvs];
        _directionY = new int[numEnvs];
        _lastX = new int[numEnvs];
        _lastY = new int[numEnvs];
        _bricks = new uint[numEnvs];
        _strike = new bool[numEnvs];
        _terminal = new bool[numEnvs];
        _lastMove = new int[numEnvs];
        _stickyActionProb = stickyActionProb;
        _useMinimalActionSet = useMinimalActionSet;
    }

    /// <inheritdoc />
    protected override void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        // As BreakoutEnv's reset: one integers(0, 2) draw picks the ball's side; the sticky memory becomes no-op.
        var state = BreakoutDynamics.Reset(startRight: random.Integers(0, 2) == 1);
        Store(index, state);
        _lastMove[index] = 0;
        BreakoutDynamics.WriteObservation(state, Observations.AsSpan(index * ObservationLength, ObservationLength));
    }

    /// <inheritdoc />
    protected override void StepCopies(int start, int end, int[] actions)
    {
        for (var i = start; i < end; i++)
        {
            if (AutoresetInstead(i))
            {
                continue;
            }

            // As BreakoutEnv's step: the sticky draw comes first, on every step.
            var move = BreakoutDynamics.PaddleMove(actions[i], _useMinimalActionSet);
            if (RandomOf(i).Random() < _stickyActionProb)
            {
                move = _lastMove[i];
            }

            _lastMove[i] = move;
            var state = Load(i);
            var reward = BreakoutDynamics.Step(ref state, move);
            Store(i, state);
            BreakoutDynamics.WriteObservation(state, Observations.AsSpan(i * ObservationLength, ObservationLength));
            Complete(i, reward, state.Terminal);
        }
    }

    private BreakoutState Load(int i) => new()
    {
        PaddleX = _paddleX[i],
        BallX = _ballX[i],
        BallY = _ballY[i],
        DirectionX = _directionX[i],
        DirectionY = _directionY[i],
        LastX = _lastX[i],
        LastY = _lastY[i],
        Bricks = _bricks[i],
        Strike = _strike[i],
        Terminal = _terminal[i],
    };

    private void Store(int i, in BreakoutState state)
    {
        _paddleX[i] = state.PaddleX;
        _ballX[i] = state.BallX;
        _ballY[i] = state.BallY;
        _directionX[i] = state.DirectionX;
        _directionY[i] = state.DirectionY;
        _lastX[i] = state.LastX;
        _lastY[i] = state.LastY;
        _bricks[i] = state.Bricks;
        _strike[i] = state.Strike;
        _terminal[i] = state.Terminal;
    }
}
