using RlGym.Agents.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Common;

public class AdamOptimizerTests
{
    [Fact]
    public void Step_SameGradients_MatchesTorchSharpAdam()
    {
        TorchSetup.EnsureInitialized();
        using var ours = new Parameter(linspace(-1, 1, 12).reshape(3, 4));
        using var theirs = new Parameter(linspace(-1, 1, 12).reshape(3, 4));
        using var target = linspace(2, -2, 12).reshape(3, 4);
        using var adam = new AdamOptimizer([ours], 0.01, eps: 1e-5);
        using var reference = optim.Adam([theirs], 0.01, eps: 1e-5);

        for (var step = 0; step < 20; step++)
        {
            adam.LearningRate = reference.ParamGroups.First().LearningRate = 0.01 * (1 - (step / 40.0));
            Train(ours, target, adam.ZeroGrad, adam.Step);
            Train(theirs, target, reference.zero_grad, () => reference.step());
        }

        AssertSameUpToTheSquareRootsLastBit(theirs, ours);
    }

    [Fact]
    public void Step_NetworkSizedParameter_MatchesTorchSharpAdam()
    {
        // 67,842 weights: CartPole's 256-wide Q-network, whose length is no multiple of any vector width (libtorch
        // steps 16 at a time and finishes the last 2 one by one), with gradients of every magnitude.
        TorchSetup.EnsureInitialized();
        using var generator = new Generator(7);
        using var ours = new Parameter(randn(67_842, generator: generator));
        using var theirs = new Parameter(ours.detach().clone());
        using var target = randn(67_842, generator: generator) * pow(10, randint(-6, 3, 67_842, generator: generator));
        using var adam = new AdamOptimizer([ours], 3e-4);
        using var reference = optim.Adam([theirs], 3e-4);

        for (var step = 0; step < 30; step++)
        {
            Train(ours, target, adam.ZeroGrad, adam.Step);
            Train(theirs, target, reference.zero_grad, () => reference.step());
        }

        AssertSameUpToTheSquareRootsLastBit(theirs, ours);
    }

    [Fact]
    public void Step_ParameterThatIsNotFloat32_IsRefusedWithTheReason()
    {
        TorchSetup.EnsureInitialized();
        using var parameter = new Parameter(ones(3, dtype: ScalarType.Float64));
        using var adam = new AdamOptimizer([parameter], 0.01);
        Train(parameter, zeros(3, dtype: ScalarType.Float64), adam.ZeroGrad, () => { });

        var error = Assert.Throws<ArgumentException>(adam.Step);
        Assert.Contains("float32", error.Message);
    }

    // The moments are torch's bit for bit; the square root is correctly rounded where libtorch's MKL build is within an
    // ulp, which moves each update by at most ~1e-7 of its size: far below the learning rates (1e-2, 3e-4) by which any
    // other difference in the formula (bias corrections, eps, the order of the moments) would show.
    private static void AssertSameUpToTheSquareRootsLastBit(Tensor expected, Tensor actual)
    {
        var expectedValues = expected.data<float>().ToArray();
        var actualValues = actual.data<float>().ToArray();
        var largest = expectedValues.Zip(actualValues, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(largest <= 1e-6, $"largest difference {largest}");
    }

    // One gradient step on a squared error whose gradient changes every step.
    internal static void Train(Parameter parameter, Tensor target, Action zeroGrad, Action step)
    {
        using var scope = NewDisposeScope();
        zeroGrad();
        (parameter - target).pow(3).abs().mean().backward();
        step();
    }
}
