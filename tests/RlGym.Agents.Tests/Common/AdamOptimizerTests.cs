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

        Assert.Equal(theirs.data<float>().ToArray(), ours.data<float>().ToArray());
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
