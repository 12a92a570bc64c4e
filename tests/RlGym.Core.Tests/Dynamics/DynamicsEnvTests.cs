namespace RlGym.Core.Tests.Dynamics;

public sealed class DynamicsEnvTests
{
    [Fact]
    public void Reset_Seed_DrawsTheStartFromTheDynamics()
    {
        using var env = new WalkEnv();

        var (observation, _) = env.Reset(seed: 3);

        Assert.Equal(Core.Random.NumpyGenerator.FromSeed(3).Uniform(-1.0, 1.0), env.State.Position);
        Assert.Equal([(float)env.State.Position, 0f], observation);
    }

    [Fact]
    public void Step_DiscreteAction_AppliesTheDynamicsRewardAndTermination()
    {
        using var env = new WalkEnv(stride: 1.5);
        env.Reset(seed: 0);
        var start = env.State.Position;

        var first = env.Step(1);
        var second = env.Step(1);

        Assert.Equal(-Math.Abs(start + 1.5), first.Reward);
        Assert.Equal(Math.Abs(start + 1.5) > 2, first.Terminated);
        Assert.True(second.Terminated);
        Assert.Equal([(float)(start + 3.0), 2f], second.Observation);
    }

    [Fact]
    public void Step_ArrayAction_HandsEveryElementToTheDynamics()
    {
        using var env = new PushEnv();
        var start = env.Reset(seed: 1).Observation[0];

        var result = env.Step([0.25f, 0.5f]);

        Assert.Equal(start + 0.75f, result.Observation[0], 5);
    }

    [Fact]
    public void Step_BeforeReset_ThrowsResetNeeded()
    {
        using var env = new WalkEnv();

        Assert.Throws<ResetNeededException>(() => env.Step(0));
    }

    [Fact]
    public void Step_ActionOutsideTheSpace_ThrowsInvalidActionAndLeavesTheStateAlone()
    {
        using var env = new WalkEnv();
        env.Reset(seed: 2);
        var before = env.State;

        Assert.Throws<InvalidActionException>(() => env.Step(2));
        Assert.Equal(before, env.State);
    }
}
