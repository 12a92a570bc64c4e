using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.Common;

/// <summary>
/// Linear layers large enough for <see cref="Gemm"/>'s product (about half of MKL's time on AMD processors): the
/// forward pass, and for a recorded pass both gradients, go through <see cref="Gemm"/>; the rest of the network stays
/// with libtorch.
/// </summary>
/// <remarks>
/// A recorded pass needs a custom autograd node (~30 µs per forward and backward in TorchSharp), and <see cref="Gemm"/>
/// copies the weights into panels once per product; both are repaid from DQN's 64-row batches up (93 µs in MKL against
/// 53 µs per 64 × 256 × 256 product; SAC's 256 × 256 × 256: 355 against 178 µs). Products of fewer rows (acting on
/// one observation) stay with libtorch.
/// </remarks>
internal static class LargeLinear
{
    /// <summary>
    /// Layers narrower than this on both sides stay with libtorch. The thin layers beside SAC's 256-wide ones (3 → 256,
    /// 256 → 1) are faster through <see cref="Gemm"/> too, as MKL's path for such thin products is slow (SAC Pendulum
    /// 3,000 steps: 147 / 147 / 148 → 163 / 154 / 142 env-steps/s, alternated, against a 128 × 128-weight threshold).
    /// </summary>
    public const int MinimumWidth = 256;

    /// <summary>Products of fewer rows (batch size) stay with libtorch: the smallest batch measured faster is DQN's 64.</summary>
    public const long MinimumRows = 64;

    // Whether a layer of this shape goes through Gemm on this machine (otherwise libtorch's product).
    private static bool Applies(int inputs, int outputs) => Gemm.IsAccelerated && Math.Max(inputs, outputs) >= MinimumWidth;

    /// <summary>
    /// <c>nn.functional.linear</c>: <c>x · Wᵀ + b</c> for x [batch, inputs], W [outputs, inputs], b [outputs].
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor bias) => Apply(x, weight, bias, weightIsOutputsByInputs: true);

    /// <summary>
    /// <c>baddbmm</c>: <c>x[g] · W[g] + b[g]</c> for each group g, x [groups, batch, inputs], W [groups, inputs, outputs],
    /// b [groups, 1, outputs] (<see cref="Continuous.TwinCritic"/>'s two critics).
    /// </summary>
    public static Tensor Grouped(Tensor x, Tensor weight, Tensor bias) => Apply(x, weight, bias, weightIsOutputsByInputs: false);

    private static Tensor Apply(Tensor x, Tensor weight, Tensor bias, bool weightIsOutputsByInputs)
    {
        var (inputs, outputs) = weightIsOutputsByInputs ? (weight.shape[1], weight.shape[0]) : (weight.shape[^2], weight.shape[^1]);
        if (x.dim() != (weightIsOutputsByInputs ? 2 : 3) || !Applies((int)inputs, (int)outputs) || x.shape[^2] < MinimumRows)
        {
            return Libtorch(x, weight, bias, weightIsOutputsByInputs);
        }

        if (!is_grad_enabled() || !(x.requires_grad || weight.requires_grad || bias.requires_grad))
        {
            return Product.Forward(x.contiguous(), weight, bias, weightIsOutputsByInputs); // no graph to record: no node
        }

        return Product.apply(x.contiguous(), weight, bias, weightIsOutputsByInputs);
    }

    private static Tensor Libtorch(Tensor x, Tensor weight, Tensor bias, bool weightIsOutputsByInputs) =>
        weightIsOutputsByInputs ? nn.functional.linear(x, weight, bias) : x.baddbmm(weight, bias);

    private sealed class Product : autograd.SingleTensorFunction<Product>
    {
        public override string Name => nameof(LargeLinear);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var (x, weight, bias, outputsByInputs) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (bool)vars[3]);
            ctx.save_for_backward([x, weight]);
            ctx.save_data("shape", new Shape(x, weight, outputsByInputs));
            ctx.save_data("needs", (x.requires_grad, weight.requires_grad, bias.requires_grad));
            return Forward(x, weight, bias, outputsByInputs);
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
        {
            var saved = ctx.get_saved_variables();
            var (x, weight) = (saved[0], saved[1]);
            var shape = (Shape)ctx.get_data("shape");
            var (needsX, needsWeight, needsBias) = ((bool, bool, bool))ctx.get_data("needs");
            var dy = gradOutput.contiguous();
            Tensor? dx = needsX ? empty_like(x) : null;
            Tensor? dWeight = needsWeight ? empty_like(weight) : null;
            Tensor? dBias = needsBias ? dy.sum(x.dim() == 3 ? 1L : 0L, keepdim: x.dim() == 3) : null;
            unsafe
            {
                fixed (float* pdy = TensorMemory.Floats(dy), px = TensorMemory.Floats(x), pw = TensorMemory.Floats(weight))
                fixed (float* pdx = dx is null ? default : TensorMemory.Floats(dx), pdw = dWeight is null ? default : TensorMemory.Floats(dWeight))
                {
                    var (batch, inputs, outputs) = (shape.Batch, shape.Inputs, shape.Outputs);
                    for (var g = 0; g < shape.Groups; g++)
                    {
                        var dyg = pdy + ((long)g * batch * outputs);
                        var xg = px + ((long)g * batch * inputs);
                        var wg = pw + ((long)g * inputs * outputs);
                        if (pdx != null)
                        {
                            // dx = dy · Wᵀ: W read as outputs × inputs.
                            Gemm.Multiply(batch, inputs, outputs, dyg, outputs, 1, wg, shape.WeightOutputStride, shape.WeightInputStride, pdx + ((long)g * batch * inputs), inputs, accumulate: false);
                        }

                        if (pdw != null)
                        {
                            var dwg = pdw + ((long)g * inputs * outputs);
                            if (shape.OutputsByInputs)
                            {
                                Gemm.Multiply(outputs, inputs, batch, dyg, 1, outputs, xg, inputs, 1, dwg, inputs, accumulate: false); // dyᵀ · x
                            }
                            else
                            {
                                Gemm.Multiply(inputs, outputs, batch, xg, 1, inputs, dyg, outputs, 1, dwg, outputs, accumulate: false); // xᵀ · dy
                            }
                        }
                    }
                }
            }

            return [dx!, dWeight!, dBias!, null!];
        }

        // y[g] = x[g] · W[g] + b[g], the bias written first and the product added to it.
        public static unsafe Tensor Forward(Tensor x, Tensor weight, Tensor bias, bool outputsByInputs)
        {
            var shape = new Shape(x, weight, outputsByInputs);
            var y = x.dim() == 3 ? empty(shape.Groups, shape.Batch, shape.Outputs) : empty(shape.Batch, shape.Outputs);
            var output = TensorMemory.Floats(y);
            var biases = TensorMemory.Floats(bias);
            for (var row = 0; row < shape.Groups * shape.Batch; row++)
            {
                biases.Slice(row / shape.Batch * shape.Outputs, shape.Outputs).CopyTo(output.Slice(row * shape.Outputs, shape.Outputs));
            }

            fixed (float* px = TensorMemory.Floats(x), pw = TensorMemory.Floats(weight), py = output)
            {
                for (var g = 0; g < shape.Groups; g++)
                {
                    Gemm.Multiply(
                        shape.Batch, shape.Outputs, shape.Inputs, px + ((long)g * shape.Batch * shape.Inputs), shape.Inputs, 1,
                        pw + ((long)g * shape.Inputs * shape.Outputs), shape.WeightInputStride, shape.WeightOutputStride,
                        py + ((long)g * shape.Batch * shape.Outputs), shape.Outputs, accumulate: true);
                }
            }

            return y;
        }
    }

    // The sizes of one product and how W is laid out: [outputs, inputs] (nn.Linear) or [groups, inputs, outputs].
    private sealed record Shape(int Groups, int Batch, int Inputs, int Outputs, bool OutputsByInputs)
    {
        public Shape(Tensor x, Tensor weight, bool outputsByInputs)
            : this(
                x.dim() == 3 ? (int)x.shape[0] : 1,
                (int)x.shape[^2],
                (int)x.shape[^1],
                (int)(outputsByInputs ? weight.shape[0] : weight.shape[^1]),
                outputsByInputs)
        {
        }

        // Element strides of W read as inputs × outputs.
        public long WeightInputStride => OutputsByInputs ? 1 : Outputs;

        public long WeightOutputStride => OutputsByInputs ? Inputs : 1;
    }
}
