using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// N copies of <see cref="AcrobotEnv"/> as flat state arrays, stepped by <see cref="AcrobotDynamics.Step"/> per element:
/// copy i equals a scalar Acrobot-v1 seeded with <c>seed + i</c> bit for bit. Observations are a flat
/// <c>float[N * 6]</c> (cos/sin of both angles, both velocities), actions an <c>int[N]</c> of torques 0 / 1 / 2.
/// </summary>
public sealed class AcrobotSoaVectorEnv : SoaVectorEnv<float, int>
{
    private readonly double[] _theta1;
    private readonly double[] _theta2;
    private readonly double[] _dtheta1;
    private readonly double[] _dtheta2;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (Acrobot-v1: 500), null for none.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public AcrobotSoaVectorEnv(int numEnvs, AutoresetMode autoresetMode = AutoresetMode.NextStep, int? maxEpisodeSteps = 500, EnvSpec? spec = null)
        : base(numEnvs, new AcrobotEnv(), autoresetMode, maxEpisodeSteps, spec)
    {
        _theta1 = new double[numEnvs];
        _theta2 = new double[numEnvs];
        _dtheta1 = new double[numEnvs];
        _dtheta2 = new double[numEnvs];
    }

    /// <inheritdoc />
    protected override void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        // As AcrobotEnv's reset: four uniform draws, kept as float32 values (Gymnasium's float32 state array).
        var (low, high) = ResetBounds.Parse(options, -0.1, 0.1);
        Span<double> draws = stackalloc double[4];
        random.Uniform(low, high, draws);
        _theta1[index] = (float)draws[0];
        _theta2[index] = (float)draws[1];
        _dtheta1[index] = (float)draws[2];
        _dtheta2[index] = (float)draws[3];
        WriteObservation(index);
    }

    /// <inheritdoc />
    protected override void StepCopies(int start, int end, int[] actions)
    {
        var (theta1, theta2, dtheta1, dtheta2) = (_theta1, _theta2, _dtheta1, _dtheta2);
        for (var i = start; i < end; i++)
        {
            if (AutoresetInstead(i))
            {
                continue;
            }

            var terminated = AcrobotDynamics.Step(ref theta1[i], ref theta2[i], ref dtheta1[i], ref dtheta2[i], actions[i]);
            WriteObservation(i);
            Complete(i, terminated ? 0.0 : -1.0, terminated);
        }
    }

    private void WriteObservation(int i)
    {
        var observations = Observations;
        var o = 6 * i;
        observations[o] = (float)Math.Cos(_theta1[i]);
        observations[o + 1] = (float)Math.Sin(_theta1[i]);
        observations[o + 2] = (float)Math.Cos(_theta2[i]);
        observations[o + 3] = (float)Math.Sin(_theta2[i]);
        observations[o + 4] = (float)_dtheta1[i];
        observations[o + 5] = (float)_dtheta2[i];
    }
}
