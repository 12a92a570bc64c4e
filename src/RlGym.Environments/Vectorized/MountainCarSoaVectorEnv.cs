using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// N copies of <see cref="MountainCarEnv"/> as flat state arrays, stepped by <see cref="MountainCarDynamics.Step"/> per
/// element: copy i equals a scalar MountainCar-v0 seeded with <c>seed + i</c> bit for bit. Observations are a flat
/// <c>float[N * 2]</c> (position, velocity), actions an <c>int[N]</c> of 0 (left) / 1 (none) / 2 (right).
/// </summary>
public sealed class MountainCarSoaVectorEnv : SoaVectorEnv<float, int>
{
    private readonly double[] _position;
    private readonly double[] _velocity;
    private readonly double _goalVelocity;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (MountainCar-v0: 200), null for none.</param>
    /// <param name="goalVelocity">The kwarg <c>goal_velocity</c> of <see cref="MountainCarEnv"/>.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public MountainCarSoaVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = 200,
        double goalVelocity = 0,
        EnvSpec? spec = null)
        : base(numEnvs, new MountainCarEnv(goalVelocity), autoresetMode, maxEpisodeSteps, spec)
    {
        _position = new double[numEnvs];
        _velocity = new double[numEnvs];
        _goalVelocity = goalVelocity;
    }

    /// <inheritdoc />
    protected override void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        // As MountainCarEnv's reset: position uniform in [low, high), velocity 0.
        var (low, high) = ResetBounds.Parse(options, -0.6, -0.4);
        _position[index] = random.Uniform(low, high);
        _velocity[index] = 0.0;
        WriteObservation(index);
    }

    /// <inheritdoc />
    protected override void StepCopies(int start, int end, int[] actions)
    {
        var (position, velocity) = (_position, _velocity);
        for (var i = start; i < end; i++)
        {
            if (AutoresetInstead(i))
            {
                continue;
            }

            var terminated = MountainCarDynamics.Step(ref position[i], ref velocity[i], actions[i], _goalVelocity);
            WriteObservation(i);
            Complete(i, -1.0, terminated);
        }
    }

    private void WriteObservation(int i)
    {
        Observations[2 * i] = (float)_position[i];
        Observations[(2 * i) + 1] = (float)_velocity[i];
    }
}
