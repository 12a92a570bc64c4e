using RlGym.Agents.Common;

namespace RlGym.Agents.Tests.Common;

public class GaeTests
{
    [Fact]
    public void Compute_NoEpisodeEnd_MatchesHandComputedValues()
    {
        // δ_t = 1 + 0.9 * 0.5 - 0.5 = 0.95 everywhere; A_2 = 0.95, A_1 = 0.95 + 0.72 * 0.95, A_0 = 0.95 + 0.72 * A_1.
        var advantages = new float[3];
        var returns = new float[3];

        Gae.Compute([1, 1, 1], [0.5f, 0.5f, 0.5f], [false, false, false], [false, false, false], [true, true, true], [0.5f], 1, 0.9, 0.8, advantages, returns);

        Assert.Equal(0.95, advantages[2], 5);
        Assert.Equal(1.634, advantages[1], 5);
        Assert.Equal(2.12648, advantages[0], 5);
        Assert.Equal(2.62648, returns[0], 5);
    }

    [Fact]
    public void Compute_Truncation_BootstrapsFromFinalObservationValue()
    {
        // Step 0 truncates: the next step (the autoreset step, invalid) started from the final observation, valued 2.0.
        var advantages = new float[3];
        var returns = new float[3];

        Gae.Compute([1, 0, 1], [0.5f, 2.0f, 0.3f], [false, false, false], [true, false, false], [true, false, true], [0.4f], 1, 0.9, 0.95, advantages, returns);

        Assert.Equal(1 + (0.9 * 2.0) - 0.5, advantages[0], 5);
        Assert.Equal(0, advantages[1]);
        Assert.Equal(1 + (0.9 * 0.4) - 0.3, advantages[2], 5);
        Assert.Equal(2.8, returns[0], 5);
    }

    [Fact]
    public void Compute_Termination_DoesNotBootstrap()
    {
        var advantages = new float[3];
        var returns = new float[3];

        Gae.Compute([1, 0, 1], [0.5f, 2.0f, 0.3f], [true, false, false], [true, false, false], [true, false, true], [0.4f], 1, 0.9, 0.95, advantages, returns);

        Assert.Equal(0.5, advantages[0], 5);
    }

    [Fact]
    public void Compute_TwoCopies_KeepsCopiesApart()
    {
        // Layout [step * envs + copy]: copy 0 rewards 1 then 0, copy 1 rewards 0 then 1; zero values, γ = λ = 1.
        var advantages = new float[4];
        var returns = new float[4];

        Gae.Compute([1, 0, 0, 1], [0, 0, 0, 0], new bool[4], new bool[4], [true, true, true, true], [0f, 0f], 2, 1.0, 1.0, advantages, returns);

        Assert.Equal([1f, 1f, 0f, 1f], returns);
    }
}
