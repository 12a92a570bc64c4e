using RlGym.Agents.Common;

namespace RlGym.Agents.Tests.Common;

public class ReplayBufferTests
{
    [Fact]
    public void Add_PastCapacity_OverwritesOldest()
    {
        var buffer = new ReplayBuffer(3, 1);
        for (var k = 0; k < 5; k++)
        {
            buffer.Add([k], k % 2, k, [k + 1], k == 4);
        }

        var rewards = Sample(buffer, 200, out var observations, out var next, out var terminations);

        Assert.Equal(3, buffer.Count);
        Assert.Equal([2f, 3f, 4f], rewards.Distinct().Order());
        for (var b = 0; b < rewards.Length; b++)
        {
            Assert.Equal(rewards[b], observations[b]);
            Assert.Equal(rewards[b] + 1, next[b]);
            Assert.Equal(rewards[b] == 4 ? 1f : 0f, terminations[b]);
        }
    }

    [Fact]
    public void Sample_PartlyFilled_DrawsOnlyStoredTransitions()
    {
        var buffer = new ReplayBuffer(10, 1);
        buffer.Add([7], 1, 7, [8], false);

        var rewards = Sample(buffer, 20, out _, out _, out _);

        Assert.All(rewards, r => Assert.Equal(7f, r));
    }

    [Fact]
    public void Sample_Empty_Throws()
    {
        var buffer = new ReplayBuffer(4, 1);

        Assert.Throws<InvalidOperationException>(() => Sample(buffer, 1, out _, out _, out _));
    }

    [Fact]
    public void Sample_ContinuousActions_ReturnsEachTransitionsActionVector()
    {
        var buffer = new ReplayBuffer(4, 1, actionSize: 2);
        for (var k = 0; k < 4; k++)
        {
            buffer.Add([k], [k / 10f, -k / 10f], k, [k + 1], false);
        }

        var observations = new float[50];
        var actions = new float[100];
        var rewards = new float[50];
        buffer.Sample(new Random(2), observations, actions, rewards, new float[50], new float[50]);

        for (var b = 0; b < rewards.Length; b++)
        {
            Assert.Equal([rewards[b] / 10f, -rewards[b] / 10f], actions.AsSpan(2 * b, 2).ToArray());
        }
    }

    [Fact]
    public void Add_DiscreteActionIntoContinuousBuffer_Throws()
    {
        var buffer = new ReplayBuffer(4, 1, actionSize: 2);

        Assert.Throws<InvalidOperationException>(() => buffer.Add([0f], 1, 0f, [0f], false));
    }

    private static float[] Sample(ReplayBuffer buffer, int size, out float[] observations, out float[] next, out float[] terminations)
    {
        observations = new float[size];
        next = new float[size];
        terminations = new float[size];
        var rewards = new float[size];
        buffer.Sample(new Random(1), observations, new long[size], rewards, next, terminations);
        return rewards;
    }
}
