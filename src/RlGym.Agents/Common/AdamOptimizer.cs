using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Common;

/// <summary>
/// Adam (Kingma and Ba 2015), computed as <c>torch.optim.Adam</c> and TorchSharp's <c>optim.Adam</c> compute it (no
/// weight decay, no AMSGrad), with every <see cref="Scalar"/> explicit and alive until libtorch is done with it.
/// TorchSharp's own optimisers pass implicitly converted Scalars to libtorch and can have them freed mid-call when
/// another thread triggers a garbage collection (see <see cref="ScalarScope"/>).
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly long[] _steps;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;
    private readonly ScalarScope _s = new();

    /// <summary>An optimiser of <paramref name="parameters"/> with PyTorch's defaults unless given.</summary>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        _parameters = parameters.ToArray();
        _expAvg = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _expAvgSq = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _steps = new long[_parameters.Length];
        (_beta1, _beta2, _eps) = (beta1, beta2, eps);
        LearningRate = learningRate;
    }

    /// <summary>The first-moment estimate of each parameter (saved by <see cref="TrainingState"/>).</summary>
    public IReadOnlyList<Tensor> ExpAvg => _expAvg;

    /// <summary>The second-moment estimate of each parameter (saved by <see cref="TrainingState"/>).</summary>
    public IReadOnlyList<Tensor> ExpAvgSq => _expAvgSq;

    /// <summary>The updates each parameter has had, for bias correction (saved by <see cref="TrainingState"/>).</summary>
    public long[] Steps => _steps;

    /// <summary>The step size; schedules set it before each update.</summary>
    public double LearningRate { get; set; }

    /// <summary>Zeroes every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (var k = 0; k < _parameters.Length; k++)
        {
            var grad = _parameters[k].grad;
            if (grad is null)
            {
                continue;
            }

            _steps[k]++;
            var biasCorrection1 = 1 - Math.Pow(_beta1, _steps[k]);
            var biasCorrection2 = 1 - Math.Pow(_beta2, _steps[k]);
            _expAvg[k].mul_(_s[_beta1]).add_(grad, alpha: _s[1 - _beta1]);
            _expAvgSq[k].mul_(_s[_beta2]).addcmul_(grad, grad, value: _s[1 - _beta2]);
            using var sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (-(LearningRate / biasCorrection1)).ToScalar();
            var denominator = (_expAvgSq[k].sqrt() / sqrtBiasCorrection2).add_(_s[_eps], _s[1]);
            _parameters[k].addcdiv_(_expAvg[k], denominator, value: stepSize);
        }
    }

    /// <summary>Frees the moment estimates and the Scalars.</summary>
    public void Dispose()
    {
        foreach (var tensor in _expAvg.Concat(_expAvgSq))
        {
            tensor.Dispose();
        }

        _s.Dispose();
    }
}
