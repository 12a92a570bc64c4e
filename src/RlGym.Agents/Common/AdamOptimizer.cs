using System.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Common;

/// <summary>
/// Adam (Kingma and Ba 2015), computed as <c>torch.optim.Adam</c> and TorchSharp's <c>optim.Adam</c> compute it (no
/// weight decay, no AMSGrad), for float32 CPU parameters, in one C# pass over each parameter's memory. TorchSharp's own
/// optimisers also pass implicitly converted Scalars to libtorch that can be freed mid-call when another thread
/// triggers a garbage collection (see <see cref="ScalarScope"/>); this one passes none.
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
        for (var k = 0; k < _parameters.Length; k++)
        {
            using var grad = _parameters[k].grad;
            if (grad is null)
            {
                continue;
            }

            _steps[k]++;
            var biasCorrection1 = 1 - Math.Pow(_beta1, _steps[k]);
            var biasCorrection2 = 1 - Math.Pow(_beta2, _steps[k]);
            Update(
                TensorMemory.Floats(_parameters[k]), TensorMemory.Floats(grad), TensorMemory.Floats(_expAvg[k]), TensorMemory.Floats(_expAvgSq[k]),
                new Coefficients(_beta1, _beta2, _eps, -(LearningRate / biasCorrection1), Math.Sqrt(biasCorrection2)));
        }
    }

    // Adam's constants for one step, as the float32 values libtorch's kernels cast its Scalars to.
    private readonly record struct Coefficients(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float Eps, float MinusStepSize, float SqrtBiasCorrection2)
    {
        public Coefficients(double beta1, double beta2, double eps, double minusStepSize, double sqrtBiasCorrection2)
            : this((float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2), (float)eps, (float)minusStepSize, (float)sqrtBiasCorrection2)
        {
        }
    }

    // One pass over the elements instead of libtorch's seven kernels and two temporaries. Each operation is rounded as
    // torch.optim.Adam's single-tensor step rounds it in libtorch's vectorised CPU kernels (exp_avg.mul_(b1).add_(g, 1 - b1)
    // and exp_avg_sq.mul_(b2).addcmul_(g, g, 1 - b2) end in a fused multiply-add, addcdiv_ multiplies, divides, then adds),
    // so the moments are bit for bit torch's; the square root is the correctly rounded one, where libtorch's MKL build
    // uses MKL's vsSqrt (one last-bit difference in ~6 here), so a parameter can differ from torch's in its last bit.
    private static void Update(Span<float> parameter, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq, Coefficients c)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var beta1 = new Vector<float>(c.Beta1);
            var oneMinusBeta1 = new Vector<float>(c.OneMinusBeta1);
            var beta2 = new Vector<float>(c.Beta2);
            var oneMinusBeta2 = new Vector<float>(c.OneMinusBeta2);
            var eps = new Vector<float>(c.Eps);
            var minusStepSize = new Vector<float>(c.MinusStepSize);
            var sqrtBiasCorrection2 = new Vector<float>(c.SqrtBiasCorrection2);
            for (; i <= parameter.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(grad[i..]);
                var m = Vector.FusedMultiplyAdd(g, oneMinusBeta1, new Vector<float>(expAvg[i..]) * beta1);
                var v = Vector.FusedMultiplyAdd(oneMinusBeta2 * g, g, new Vector<float>(expAvgSq[i..]) * beta2);
                var denominator = (Vector.SquareRoot(v) / sqrtBiasCorrection2) + eps;
                ((minusStepSize * m / denominator) + new Vector<float>(parameter[i..])).CopyTo(parameter[i..]);
                m.CopyTo(expAvg[i..]);
                v.CopyTo(expAvgSq[i..]);
            }
        }

        for (; i < parameter.Length; i++)
        {
            var g = grad[i];
            var m = MathF.FusedMultiplyAdd(g, c.OneMinusBeta1, expAvg[i] * c.Beta1);
            var v = MathF.FusedMultiplyAdd(c.OneMinusBeta2 * g, g, expAvgSq[i] * c.Beta2);
            var denominator = (MathF.Sqrt(v) / c.SqrtBiasCorrection2) + c.Eps;
            parameter[i] += c.MinusStepSize * m / denominator;
            expAvg[i] = m;
            expAvgSq[i] = v;
        }
    }

    /// <summary>Frees the moment estimates.</summary>
    public void Dispose()
    {
        foreach (var tensor in _expAvg.Concat(_expAvgSq))
        {
            tensor.Dispose();
        }
    }
}
