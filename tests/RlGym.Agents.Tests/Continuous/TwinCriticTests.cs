using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Continuous;

public class TwinCriticTests
{
    [Fact]
    public void WeightsRequireGradOff_ActionsGetTheSameGradientAndTheWeightsNone()
    {
        TorchSetup.EnsureInitialized();
        manual_seed(3);
        using var critic = new TwinCritic("critic", inputs: 5, hidden: [8, 8]);
        using var observations = randn(4, 3);
        var weights = critic.parameters().Single();

        var withWeights = ActionGradient(critic, observations);
        var weightGradient = weights.grad!.data<float>().ToArray();
        weights.grad!.zero_();
        critic.WeightsRequireGrad = false;
        var withoutWeights = ActionGradient(critic, observations);
        critic.WeightsRequireGrad = true;

        Assert.Equal(withWeights, withoutWeights);
        Assert.Contains(weightGradient, g => g != 0); // the first pass did compute the weights' gradient ...
        Assert.All(weights.grad!.data<float>().ToArray(), g => Assert.Equal(0f, g)); // ... the second left it alone

        // Back on, the weights learn again (the critic's own update).
        using (var loss = critic.forward(observations, ones(4, 2)).sum())
        {
            loss.backward();
        }

        Assert.Contains(weights.grad!.data<float>().ToArray(), g => g != 0);
    }

    // The gradient of the critics' summed estimates with respect to the actions, as an actor's loss takes it.
    private static float[] ActionGradient(TwinCritic critic, Tensor observations)
    {
        using var actions = new Parameter(full(4, 2, 0.5f));
        using (var loss = critic.forward(observations, actions).sum())
        {
            loss.backward();
        }

        return actions.grad!.data<float>().ToArray();
    }
}
