using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// N copies of <see cref="MountainCarContinuousEnv"/> as flat state arrays, stepped by
/// <see cref="MountainCarContinuousDynamics.Step"/> per element: copy i equals a scalar MountainCarContinuous-v0 seeded
/// with <c>seed + i</c> bit for bit. Observations are a flat <c>float[N * 2]</c>, actions a <c>float[N]</c> (one force
/// per copy).
/// </summary>
public sealed class MountainCarContinuousSoaVectorEnv : SoaVectorEnv<float, float>
{
    private readonly double[] _position;
    private readonly double[] _velocity;
    private readonly bool[] _stateIsFloat32;
    private readonly double _goalVelocity;
    private readonly NumpyPromotion _promotion;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (MountainCarContinuous-v0: 999), null for none.</param>
    /// <param name="goalVelocity">The kwarg <c>goal_velocity</c>.</param>
    /// <param name="promotion">NumPy 2 (default) or NumPy 1.x arithmetic, as <see cref="MountainCarContinuousEnv"/>.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public MountainCarContinuousSoaVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = 999,
        double goalVelocity = 0,
        NumpyPromotion promotion = NumpyPromotion.NumPy2,
        EnvSpec? spec = null)
        : base(numEnvs, new MountainCarContinuousEnv(goalVelocity, promotion: promotion), autoresetMode, maxEpisodeSteps, spec)
    {
        _position = new double[numEnvs];
        _velocity = new double[numEnvs];
        _stateIsFloat32 = new bool[numEnvs];
        _goalVelocity = goalVelocity;
        _promotion = promotion;
    }

    /// <inheritdoc />
    protected override void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        // As MountainCarContinuousEnv's reset: position uniform in [low, high), velocity 0, the state float64.
        var (low, high) = ResetBounds.Parse(options, -0.6, -0.4);
        _position[index] = random.Uniform(low, high);
        _velocity[index] = 0.0;
        _stateIsFloat32[index] = false;
        WriteObservation(index);
    }

    /// <inheritdoc />
    protected override void StepCopies(int start, int end, float[] actions)
    {
        var (position, velocity) = (_position, _velocity);
        for (var i = start; i < end; i++)
        {
            if (AutoresetInstead(i))
            {
                continue;
            }

            var terminated = MountainCarContinuousDynamics.Step(
                ref position[i], ref velocity[i], _stateIsFloat32[i], actions[i], _goalVelocity, _promotion, out var reward);
            _stateIsFloat32[i] = true;
            WriteObservation(i);
            Complete(i, reward, terminated);
        }
    }

    private void WriteObservation(int i)
    {
        Observations[2 * i] = (float)_position[i];
        Observations[(2 * i) + 1] = (float)_velocity[i];
    }
}
