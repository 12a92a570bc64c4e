namespace RlGym.Agents.Common;

/// <summary>
/// Stable-Baselines3's VecNormalize reward scaling: rewards are divided by the running standard deviation of the
/// discounted return (tracked per copy, reset at episode ends) and clipped to ±10.
/// </summary>
internal sealed class RewardScaler
{
    private readonly double[] _returns;
    /// <summary>The running statistics of the discounted return (saved for a resumed run).</summary>
    public RunningMeanStd Stats { get; } = new(1);
    private readonly double _gamma;
    private readonly float[] _one = new float[1];

    public RewardScaler(int envs, double gamma)
    {
        _returns = new double[envs];
        _gamma = gamma;
    }

    public float Scale(int copy, double reward, bool done)
    {
        _returns[copy] = (_returns[copy] * _gamma) + reward;
        _one[0] = (float)_returns[copy];
        Stats.Update(_one, 1);
        if (done)
        {
            _returns[copy] = 0;
        }

        return (float)Math.Clamp(reward / Math.Sqrt(Stats.Variance[0] + 1e-8), -10, 10);
    }
}
