using RlGym.Agents.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.Continuous;

/// <summary>
/// SAC's tanh-squashed diagonal Gaussian (Haarnoja et al. 2018, appendix C): <c>u = μ + σ·ε</c>, <c>a = tanh(u)</c>,
/// <c>log π(a|s) = Σ_j [log N(u_j; μ_j, σ_j) − log(1 − tanh²(u_j))]</c>, in the squashed space [-1, 1] as
/// Stable-Baselines3 computes it (the rescaling to the Box's bounds is a constant and left out). The log std is
/// clamped to [-20, 2] (SB3's bounds). The correction uses the exact, stable identity
/// <c>log(1 − tanh²u) = 2(log 2 − u − softplus(−2u))</c> instead of SB3's <c>log(1 − tanh²u + 1e-6)</c>.
/// </summary>
internal static class SquashedGaussian
{
    public const double LogStdMin = -20;
    public const double LogStdMax = 2;

    /// <summary>Splits an actor's output (batch × 2d: means, then log stds) into the mean and the clamped log std.</summary>
    public static (Tensor Mean, Tensor LogStd) Split(Tensor output)
    {
        var parts = output.chunk(2, -1);
        return (parts[0], parts[1].clamp(Scalars.LogStdMin, Scalars.LogStdMax));
    }

    /// <summary>A reparameterised sample (differentiable in the output) and its log-probability, per row.</summary>
    public static (Tensor Action, Tensor LogProb) Sample(Tensor output, Generator generator)
    {
        var (mean, logStd) = Split(output);
        var noise = randn(mean.shape, generator: generator);
        var u = mean.add(logStd.exp().mul(noise), Scalars.One);
        return (u.tanh(), LogProb(u, logStd, noise));
    }

    /// <summary>
    /// The log-probability of <c>tanh(u)</c> where <c>u = μ + σ·noise</c>: the Gaussian's log density of u (written
    /// with the noise, <c>−noise²/2 − log σ − log √(2π)</c>) minus the tanh correction, summed over the last dimension.
    /// </summary>
    public static Tensor LogProb(Tensor u, Tensor logStd, Tensor noise)
    {
        var gaussian = noise.mul(noise).mul_(Scalars.NegHalf).sub_(logStd).sub_(Scalars.HalfLogTwoPi);
        var correction = Softplus(u.mul(Scalars.NegTwo)).add_(u, Scalars.One).neg_().add_(Scalars.LogTwo, Scalars.One).mul_(Scalars.Two);
        return gaussian.sub_(correction).sum(-1);
    }

    /// <summary>
    /// <c>log(1 + eˣ)</c> as <c>max(x, 0) + log1p(e^−|x|)</c>, stable for any x: TorchSharp's <c>softplus</c> turns its
    /// beta and threshold into Scalars only the finalizer frees (see <see cref="Common.ScalarScope"/>).
    /// </summary>
    private static Tensor Softplus(Tensor x) => x.relu().add(x.abs().neg().exp().log1p(), Scalars.One);

    // Made once and kept for the process's lifetime: no temporary Scalar is ever left to the finalizer (see
    // docs/agents.md, "One training per process"); libtorch is loaded before the first is made.
    private static class Scalars
    {
        // Field initialisers run in order, before any other member: this one first.
        private static readonly bool Loaded = Load();

        public static readonly Scalar LogStdMin = SquashedGaussian.LogStdMin.ToScalar();
        public static readonly Scalar LogStdMax = SquashedGaussian.LogStdMax.ToScalar();
        public static readonly Scalar NegHalf = (-0.5).ToScalar();
        public static readonly Scalar HalfLogTwoPi = (0.5 * Math.Log(2 * Math.PI)).ToScalar();
        public static readonly Scalar NegTwo = (-2.0).ToScalar();
        public static readonly Scalar One = 1.0.ToScalar();
        public static readonly Scalar Two = 2.0.ToScalar();
        public static readonly Scalar LogTwo = Math.Log(2).ToScalar();

        private static bool Load()
        {
            TorchSetup.EnsureInitialized();
            return true;
        }
    }
}
