using RlGym.Core;
using RlGym.Core.Checking;
using RlGym.Core.Registration;
using RlGym.Core.Vector;

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
        using var env = Registry().Make<float[], int>(MyTaskPlugin.EnvId, new Dictionary<string, object?> { ["size"] = 2L });
        env.Reset(seed: 0);

        // On a 2x2 grid the post is the bottom-right cell (1, 1): right, then down, reaches it from every start.
        var first = env.Step(1);
        var result = first.Terminated ? first : env.Step(2);

        Assert.Equal([1f, 1f], result.Observation);
        Assert.Equal(1.0, result.Reward);
        Assert.True(result.Terminated);
    }

    [Fact]
    public void Step_NeverReachingThePost_TruncatedAtTheRegisteredLimit()
    {
        using var env = Registry().Make<float[], int>(MyTaskPlugin.EnvId);
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

    [Fact]
    public void SoaVariant_SameSeedsAndActions_EqualsTheScalarEnvCopyByCopy()
    {
        const int copies = 4;
        var registry = Registry();
        using var batched = (IVectorEnv<float[], int[]>)registry.MakeVec(MyTaskPlugin.EnvId, copies, vectorization: Vectorizations.Soa);
        var scalars = Enumerable.Range(0, copies).Select(_ => registry.Make<float[], int>(MyTaskPlugin.EnvId)).ToArray();

        // Copy i of the batch is seeded 7 + i: so is scalar env i.
        var observations = batched.Reset(seed: 7).Observations;
        for (var i = 0; i < copies; i++)
        {
            Assert.Equal(scalars[i].Reset(seed: 7 + (ulong)i).Observation, observations[(2 * i)..(2 * i + 2)]);
        }

        var random = new Random(0);
        var ended = new bool[copies];
        var episodes = 0;
        for (var t = 0; t < 300; t++)
        {
            var actions = Enumerable.Range(0, copies).Select(_ => random.Next(4)).ToArray();
            var step = batched.Step(actions);
            for (var i = 0; i < copies; i++)
            {
                // A copy that ended is reset on the next step (next-step autoreset): reward 0, no flags.
                var expected = ended[i]
                    ? new StepResult<float[]>(scalars[i].Reset().Observation, 0, false, false, EnvInfo.Empty)
                    : scalars[i].Step(actions[i]);
                Assert.Equal(expected.Observation, step.Observations[(2 * i)..(2 * i + 2)]);
                Assert.Equal(expected.Reward, step.Rewards[i]);
                Assert.Equal(expected.Terminated, step.Terminations[i]);
                Assert.Equal(expected.Truncated, step.Truncations[i]);
                ended[i] = expected.Terminated || expected.Truncated;
                episodes += ended[i] ? 1 : 0;
            }
        }

        Assert.True(episodes > copies, $"300 random steps should end several episodes, autoresetting them (ended {episodes}).");
        foreach (var scalar in scalars)
        {
            scalar.Dispose();
        }
    }

    [Fact]
    public void VariantChecker_SoaAndFastVariants_AgreeWithTheScalarEnv()
    {
        // What `rlgym check` adds for batched variants: soa bit for bit, fast (its own generator) in distribution.
        var results = VariantChecker.Check(Registry(), MyTaskPlugin.EnvId);

        Assert.All(results, result => Assert.Equal(EnvCheckStatus.Passed, result.Status));
    }
}
