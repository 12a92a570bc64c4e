using RlGym.Agents.Common;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Common;

// Every case has at least LargeLinear.MinimumRows rows, so the product is Gemm's, not libtorch's.
public class LargeLinearTests
{
    [Fact]
    public void Linear_AgainstFunctionalLinear_SameOutputAndGradients()
    {
        // 133 rows (no multiple of the 6-row block) and 300 outputs (no multiple of the 32-column panel).
        TorchSetup.EnsureInitialized();
        using var generator = new Generator(21);
        using var x = randn(133, 130, generator: generator);
        using var weight = randn(300, 130, generator: generator);
        using var bias = randn(300, generator: generator);
        using var upstream = randn(133, 300, generator: generator);

        var ours = Gradients(x, weight, bias, upstream, LargeLinear.Linear);
        var reference = Gradients(x, weight, bias, upstream, nn.functional.linear);

        AssertClose(reference, ours);
    }

    [Fact]
    public void Grouped_AgainstBaddbmm_SameOutputAndGradients()
    {
        TorchSetup.EnsureInitialized();
        using var generator = new Generator(22);
        using var x = randn(2, 131, 256, generator: generator);
        using var weight = randn(2, 256, 200, generator: generator);
        using var bias = randn(2, 1, 200, generator: generator);
        using var upstream = randn(2, 131, 200, generator: generator);

        var ours = Gradients(x, weight, bias, upstream, LargeLinear.Grouped);
        var reference = Gradients(x, weight, bias, upstream, (input, w, b) => input.baddbmm(w, b));

        AssertClose(reference, ours);
    }

    [Fact]
    public void Grouped_WeightsWithoutGradient_OnlyTheInputGetsOne()
    {
        // The actor's pass through the critics (TwinCritic.ValuesForActor): the weights' gradients are never computed.
        TorchSetup.EnsureInitialized();
        using var generator = new Generator(23);
        using var x = new Parameter(randn(2, 128, 256, generator: generator));
        using var weight = new Parameter(randn(2, 256, 256, generator: generator), requires_grad: false);
        using var bias = new Parameter(randn(2, 1, 256, generator: generator), requires_grad: false);

        using (var loss = LargeLinear.Grouped(x, weight, bias).sum())
        {
            loss.backward();
        }

        Assert.NotNull(x.grad);
        Assert.Null(weight.grad);
        Assert.Null(bias.grad);
    }

    [Fact]
    public void Linear_WithoutGrad_SameOutputAsWithAndNoGraph()
    {
        TorchSetup.EnsureInitialized();
        using var generator = new Generator(24);
        using var x = randn(128, 256, generator: generator);
        using var weight = new Parameter(randn(256, 256, generator: generator));
        using var bias = new Parameter(randn(256, generator: generator));

        using var recorded = LargeLinear.Linear(x, weight, bias);
        using var noGrad = no_grad();
        using var unrecorded = LargeLinear.Linear(x, weight, bias);

        Assert.True(recorded.requires_grad);
        Assert.False(unrecorded.requires_grad);
        Assert.Equal(recorded.detach().data<float>().ToArray(), unrecorded.data<float>().ToArray());
    }

    // Output and the gradients of x, W and b for the loss Σ upstream ⊙ layer(x, W, b), each as a float array.
    private static float[][] Gradients(Tensor x, Tensor weight, Tensor bias, Tensor upstream, Func<Tensor, Tensor, Tensor, Tensor> layer)
    {
        using var scope = NewDisposeScope();
        using var xLeaf = new Parameter(x.clone());
        using var weightLeaf = new Parameter(weight.clone());
        using var biasLeaf = new Parameter(bias.clone());
        var output = layer(xLeaf, weightLeaf, biasLeaf);
        (output * upstream).sum().backward();
        return [output.detach().data<float>().ToArray(), xLeaf.grad!.data<float>().ToArray(), weightLeaf.grad!.data<float>().ToArray(), biasLeaf.grad!.data<float>().ToArray()];
    }

    // Sums of a few hundred products of unit normals: float rounding in another order, ~1e-5 of their size.
    private static void AssertClose(float[][] expected, float[][] actual)
    {
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t].Length, actual[t].Length);
            var scale = expected[t].Max(Math.Abs);
            var largest = expected[t].Zip(actual[t], (e, a) => Math.Abs(e - a)).Max();
            Assert.True(largest <= 1e-5 * scale, $"result {t}: largest difference {largest} of values up to {scale}");
        }
    }
}
