using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// N copies of <see cref="CartPoleEnv"/> as flat state arrays, stepped by <see cref="CartPoleDynamics.Step(ref double, ref double, ref double, ref double, int)"/>
/// per element: copy i equals a scalar CartPole (made through the registry, seeded with <c>seed + i</c>) bit for bit.
/// Observations are a flat <c>float[N * 4]</c>, actions an <c>int[N]</c> of 0 (left) / 1 (right).
/// </summary>
public sealed class CartPoleSoaVectorEnv : SoaVectorEnv<float, int>
{
    private readonly double[] _x;
    private readonly double[] _xDot;
    private readonly double[] _theta;
    private readonly double[] _thetaDot;
    private readonly bool _suttonBartoReward;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy (CartPole-v1: 500), null for none.</param>
    /// <param name="suttonBartoReward">The kwarg <c>sutton_barto_reward</c> of <see cref="CartPoleEnv"/>.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public CartPoleSoaVectorEnv(
        int numEnvs,
        AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? maxEpisodeSteps = 500,
        bool suttonBartoReward = false,
        EnvSpec? spec = null)
        : base(numEnvs, new CartPoleEnv(suttonBartoReward), autoresetMode, maxEpisodeSteps, spec)
    {
        _x = new double[numEnvs];
        _xDot = new double[numEnvs];
        _theta = new double[numEnvs];
        _thetaDot = new double[numEnvs];
        _suttonBartoReward = suttonBartoReward;
    }

    /// <inheritdoc />
    protected override void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        // As CartPoleEnv's reset: uniform(low, high, size=4) in the order x, x_dot, theta, theta_dot.
        var (low, high) = ResetBounds.Parse(options, -0.05, 0.05);
        Span<double> state = stackalloc double[4];
        random.Uniform(low, high, state);
        (_x[index], _xDot[index], _theta[index], _thetaDot[index]) = (state[0], state[1], state[2], state[3]);
        WriteObservation(index);
    }

    /// <inheritdoc />
    protected override void StepCopies(int start, int end, int[] actions)
    {
        var (x, xDot, theta, thetaDot, observations) = (_x, _xDot, _theta, _thetaDot, Observations);
        for (var i = start; i < end; i++)
        {
            if (AutoresetInstead(i))
            {
                continue;
            }

            CartPoleDynamics.Step(ref x[i], ref xDot[i], ref theta[i], ref thetaDot[i], actions[i]);
            var terminated = CartPoleDynamics.IsTerminal(x[i], theta[i]);
            var o = 4 * i;
            observations[o] = (float)x[i];
            observations[o + 1] = (float)xDot[i];
            observations[o + 2] = (float)theta[i];
            observations[o + 3] = (float)thetaDot[i];

            // The scalar env's rewards for a live copy (terminated ones are never stepped again by a vector env).
            var reward = _suttonBartoReward ? (terminated ? -1.0 : 0.0) : 1.0;
            Complete(i, reward, terminated);
        }
    }

    private void WriteObservation(int i)
    {
        var observations = Observations;
        var o = 4 * i;
        observations[o] = (float)_x[i];
        observations[o + 1] = (float)_xDot[i];
        observations[o + 2] = (float)_theta[i];
        observations[o + 3] = (float)_thetaDot[i];
    }
}
