namespace RlGym.Agents.Common;

/// <summary>
/// Exploration noise for each copy's action in [-1, 1], as Stable-Baselines3's <c>NormalActionNoise</c> and
/// <c>OrnsteinUhlenbeckActionNoise</c> (mean 0, θ = 0.15, dt = 0.01): <c>x ← x + θ(0 − x)dt + σ√dt·N(0, 1)</c>, whose
/// stationary standard deviation is σ/√(2θ) ≈ 1.8σ. Draws from its own seeded generator.
/// </summary>
internal sealed class ActionNoise
{
    private const double Theta = 0.15;
    private const double Dt = 1e-2;

    private readonly ActionNoiseKind _kind;
    private readonly double _sigma;
    private readonly int _size;
    private readonly double[] _state;
    private readonly Random _random;

    public ActionNoise(ActionNoiseKind kind, double sigma, int copies, int size, Random random)
    {
        _kind = kind;
        _sigma = sigma;
        _size = size;
        _state = new double[copies * size];
        _random = random;
    }

    /// <summary>Adds the next noise of every copy to <paramref name="actions"/> (copies × size) and clips them to [-1, 1].</summary>
    public void Apply(Span<float> actions)
    {
        if (_kind == ActionNoiseKind.None)
        {
            return;
        }

        for (var j = 0; j < _state.Length; j++)
        {
            var z = Gaussian(_random);
            _state[j] = _kind == ActionNoiseKind.Normal
                ? _sigma * z
                : _state[j] - (Theta * _state[j] * Dt) + (_sigma * Math.Sqrt(Dt) * z);
            actions[j] = Math.Clamp(actions[j] + (float)_state[j], -1f, 1f);
        }
    }

    /// <summary>Restarts copy <paramref name="copy"/>'s process at 0 (after its episode ended).</summary>
    public void Reset(int copy) => _state.AsSpan(copy * _size, _size).Clear();

    /// <summary>A standard normal draw (Box-Muller, one value per pair, as the policies draw theirs).</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
