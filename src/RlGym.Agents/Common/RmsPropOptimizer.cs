using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Common;

/// <summary>
/// RMSprop (Hinton's lecture 6e), computed as <c>torch.optim.RMSprop</c> and TorchSharp's <c>optim.RMSProp</c>
/// compute it (no momentum, not centred, no weight decay), with every <see cref="Scalar"/> explicit and alive until
/// libtorch is done with it (see <see cref="AdamOptimizer"/> and <see cref="ScalarScope"/> for why).
/// </summary>
internal sealed class RmsPropOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _squareAvg;
    private readonly double _alpha;
    private readonly double _eps;
    private readonly ScalarScope _s = new();

    /// <summary>An optimiser of <paramref name="parameters"/> with PyTorch's defaults unless given.</summary>
    public RmsPropOptimizer(IEnumerable<Parameter> parameters, double learningRate, double alpha = 0.99, double eps = 1e-8)
    {
        _parameters = parameters.ToArray();
        _squareAvg = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        (_alpha, _eps) = (alpha, eps);
        LearningRate = learningRate;
    }

    /// <summary>The running average of each parameter's squared gradient (saved by <see cref="TrainingState"/>).</summary>
    public IReadOnlyList<Tensor> SquareAvg => _squareAvg;

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
        using var minusLearningRate = (-LearningRate).ToScalar();
        for (var k = 0; k < _parameters.Length; k++)
        {
            var grad = _parameters[k].grad;
            if (grad is null)
            {
                continue;
            }

            _squareAvg[k].mul_(_s[_alpha]).addcmul_(grad, grad, value: _s[1 - _alpha]);
            var avg = _squareAvg[k].sqrt().add_(_s[_eps], _s[1]);
            _parameters[k].addcdiv_(grad, avg, value: minusLearningRate);
        }
    }

    /// <summary>Frees the running averages and the Scalars.</summary>
    public void Dispose()
    {
        foreach (var tensor in _squareAvg)
        {
            tensor.Dispose();
        }

        _s.Dispose();
    }
}
