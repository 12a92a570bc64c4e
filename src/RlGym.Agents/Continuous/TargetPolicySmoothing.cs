using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.Continuous;

/// <summary>
/// TD3's target policy smoothing: the target actor's action plus Gaussian noise of σ clipped to ±c, clipped again to
/// the squashed range [-1, 1], so the critic's target averages Q over a small neighbourhood of the target action.
/// Holds its constants as Scalars it disposes (none is left to the finalizer).
/// </summary>
internal sealed class TargetPolicySmoothing : IDisposable
{
    private readonly Scalar _sigma;
    private readonly Scalar _clipLow;
    private readonly Scalar _clipHigh;
    private readonly Scalar _low;
    private readonly Scalar _high;
    private readonly Scalar _one;

    public TargetPolicySmoothing(double sigma, double clip)
    {
        _sigma = sigma.ToScalar();
        _clipLow = (-clip).ToScalar();
        _clipHigh = clip.ToScalar();
        _low = (-1.0).ToScalar();
        _high = 1.0.ToScalar();
        _one = 1.0.ToScalar();
    }

    /// <summary><c>clip(a + clip(σ·noise, −c, c), −1, 1)</c> for a batch of target actions and standard normal noise of the same shape.</summary>
    public Tensor Apply(Tensor targetActions, Tensor noise) =>
        noise.mul(_sigma).clamp_(_clipLow, _clipHigh).add_(targetActions, _one).clamp_(_low, _high);

    public void Dispose()
    {
        _sigma.Dispose();
        _clipLow.Dispose();
        _clipHigh.Dispose();
        _low.Dispose();
        _high.Dispose();
        _one.Dispose();
    }
}
