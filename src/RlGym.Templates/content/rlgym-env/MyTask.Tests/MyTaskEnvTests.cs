using RlGym.Core.Checking;
using RlGym.Core.Registration;

namespace MyTask.Tests;

public sealed class MyTaskEnvTests
{
    private static EnvRegistry Registry()
    {
        var registry = new EnvRegistry();
        new MyTaskPlugin().Register(registry);
        return registry;
    }

    [Fact]
    public void EnvChecker_RegisteredEnv_PassesEveryCheck()
    {
        var registry = Registry();

        // The same checker `rlgym check` and the server's plugin loader run.
        var report = EnvChecker.Check(renderMode => registry.Make(MyTaskPlugin.EnvId, renderMode: renderMode));

        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Step_ReachingThePost_RewardsOneAndTerminates()
    {
        using var env = Registry().Make<int, int>(MyTaskPlugin.EnvId, new Dictionary<string, object?> { ["size"] = 2L });
        env.Reset(seed: 0);

        // On a 2x2 grid the post is cell 3 (bottom right): right, then down, reaches it from every start.
        var first = env.Step(1);
        var result = first.Terminated ? first : env.Step(2);

        Assert.Equal(3, result.Observation);
        Assert.Equal(1.0, result.Reward);
        Assert.True(result.Terminated);
    }

    [Fact]
    public void Step_NeverReachingThePost_TruncatedAtTheRegisteredLimit()
    {
        using var env = Registry().Make<int, int>(MyTaskPlugin.EnvId);
        env.Reset(seed: 1);

        // Up and left only: the cat never reaches the post, so the registry's time limit ends the episode.
        var steps = 0;
        var truncated = false;
        while (!truncated && steps < 1000)
        {
            var step = env.Step(steps % 2 == 0 ? 0 : 3);
            Assert.False(step.Terminated);
            truncated = step.Truncated;
            steps++;
        }

        Assert.Equal(100, steps);
    }
}
