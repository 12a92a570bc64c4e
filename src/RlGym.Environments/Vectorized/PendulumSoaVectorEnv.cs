using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// N copies of <see cref="PendulumEnv"/> as flat state arrays, stepped by <see cref="PendulumDynamics.Step"/> per
/// element: copy i equals a scalar Pendulum-v1 seeded with <c>seed + i</c> bit for bit. Observations are a flat
/// <c>float[N * 3]</c> (cos, sin, angular velocity), actions a <c>float[N]</c> (one torque per copy).
/// </summary>
public sealed class PendulumSoaVectorEnv : SoaVectorEnv<float, float>
{
    private readonly double[] _theta;
    private readonly double[] _thetaDot;
    private readonly double _g;
    private readonly NumpyPromotion _promotion;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (Pendulum-v1: 200), null for none.</param>
    /// <param name="g">The kwarg <c>g</c> (gravity).</param>
    /// <param name="promotion">NumPy 2 (default) or NumPy 1.x arithmetic, as <see cref="PendulumEnv"/>.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public PendulumSoaVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = 200,
        double g = PendulumDynamics.DefaultGravity,
        NumpyPromotion promotion = NumpyPromotion.NumPy2,
        EnvSpec? spec = null)
        : base(numEnvs, new PendulumEnv(g, promotion: promotion), autoresetMode, maxEpisodeSteps, spec)
    {
        _theta = new double[numEnvs];
        _thetaDot = new double[numEnvs];
        _g = g;
        _promotion = promotion;
    }

    /// <inheritdoc />
    protected override void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        // As PendulumEnv's reset: uniform(low=-high, high=high) with high = [x_init, y_init] (default [pi, 1]).
        double x = Math.PI, y = 1.0;
        if (options is not null)
        {
            x = ResetBounds.Option(options, "x_init", x);
            y = ResetBounds.Option(options, "y_init", y);
        }

        Span<double> draws = stackalloc double[2];
        random.Uniform([-x, -y], [x, y], draws);
        _theta[index] = draws[0];
        _thetaDot[index] = draws[1];
        WriteObservation(index);
    }

    /// <inheritdoc />
    protected override void StepCopies(int start, int end, float[] actions)
    {
        var (theta, thetaDot) = (_theta, _thetaDot);
        for (var i = start; i < end; i++)
        {
            if (AutoresetInstead(i))
            {
                continue;
            }

            var cost = PendulumDynamics.Step(ref theta[i], ref thetaDot[i], actions[i], _g, _promotion);
            WriteObservation(i);
            Complete(i, -cost, false);
        }
    }

    private void WriteObservation(int i)
    {
        var observations = Observations;
        var o = 3 * i;
        observations[o] = (float)Math.Cos(_theta[i]);
        observations[o + 1] = (float)Math.Sin(_theta[i]);
        observations[o + 2] = (float)_thetaDot[i];
    }
}
