using RlGym.Agents.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Common;

public class RmsPropOptimizerTests
{
    [Fact]
    public void Step_SameGradients_MatchesTorchSharpRmsProp()
    {
        TorchSetup.EnsureInitialized();
        using var ours = new Parameter(linspace(-1, 1, 12).reshape(3, 4));
        using var theirs = new Parameter(linspace(-1, 1, 12).reshape(3, 4));
        using var target = linspace(2, -2, 12).reshape(3, 4);
        using var rmsProp = new RmsPropOptimizer([ours], 0.01, alpha: 0.99, eps: 1e-5);
        using var reference = optim.RMSProp([theirs], 0.01, alpha: 0.99, eps: 1e-5);

        for (var step = 0; step < 20; step++)
        {
            rmsProp.LearningRate = reference.ParamGroups.First().LearningRate = 0.01 * (1 - (step / 40.0));
            AdamOptimizerTests.Train(ours, target, rmsProp.ZeroGrad, rmsProp.Step);
            AdamOptimizerTests.Train(theirs, target, reference.zero_grad, () => reference.step());
        }

        Assert.Equal(theirs.data<float>().ToArray(), ours.data<float>().ToArray());
    }
}
