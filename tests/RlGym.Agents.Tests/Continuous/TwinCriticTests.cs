using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Continuous;

public class TwinCriticTests
{
    [Fact]
    public void ValuesForActor_ActionsGetTheForwardsGradientAndTheWeightsNone()
    {
        TorchSetup.EnsureInitialized();
        manual_seed(3);
        using var critic = new TwinCritic("critic", inputs: 5, hidden: [8, 8]);
        using var observations = randn(4, 3);
        var weights = critic.parameters().Single();

        var throughForward = ActionGradient(actions => critic.forward(observations, actions));
        var weightGradient = weights.grad!.data<float>().ToArray();
        weights.grad!.zero_();
        var forActor = ActionGradient(actions => critic.ValuesForActor(observations, actions));

        Assert.Equal(throughForward, forActor);
        Assert.Contains(weightGradient, g => g != 0); // forward did compute the weights' gradient ...
        Assert.All(weights.grad!.data<float>().ToArray(), g => Assert.Equal(0f, g)); // ... the actor's pass left it alone

        // Afterwards the weights learn again (the critic's own update).
        using (var loss = critic.forward(observations, ones(4, 2)).sum())
        {
            loss.backward();
        }

        Assert.Contains(weights.grad!.data<float>().ToArray(), g => g != 0);
    }

    [Fact]
    public void FirstValuesForActor_IsTheFirstCriticsRowWithItsActionGradientAndNoWeightGradient()
    {
        TorchSetup.EnsureInitialized();
        manual_seed(4);
        using var critic = new TwinCritic("critic", inputs: 5, hidden: [8, 8]);
        using var observations = randn(4, 3);
        using var actions = full(4, 2, 0.25f);
        var weights = critic.parameters().Single();

        using (no_grad())
        {
            using var both = critic.forward(observations, actions);
            using var first = critic.FirstValuesForActor(observations, actions);
            Assert.Equal(both[0].data<float>().ToArray(), first.data<float>().ToArray());
            Assert.NotEqual(both[1].data<float>().ToArray(), first.data<float>().ToArray());
        }

        var throughForward = ActionGradient(a => critic.forward(observations, a)[0]);
        weights.grad!.zero_();
        var forActor = ActionGradient(a => critic.FirstValuesForActor(observations, a));

        Assert.Equal(throughForward, forActor);
        Assert.All(weights.grad!.data<float>().ToArray(), g => Assert.Equal(0f, g));
    }

    // The gradient of the critics' summed estimates with respect to the actions, as an actor's loss takes it.
    private static float[] ActionGradient(Func<Tensor, Tensor> values)
    {
        using var actions = new Parameter(full(4, 2, 0.5f));
        using (var loss = values(actions).sum())
        {
            loss.backward();
        }

        return actions.grad!.data<float>().ToArray();
    }
}
