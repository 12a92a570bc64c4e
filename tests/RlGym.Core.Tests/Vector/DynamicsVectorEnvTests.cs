using RlGym.Core.Registration;
using RlGym.Core.Tests.Dynamics;
using RlGym.Core.Vector;

namespace RlGym.Core.Tests.Vector;

public sealed class DynamicsVectorEnvTests
{
    private static readonly EnvSpec Spec = new() { Id = "Walk-v0", EntryPoint = "test", MaxEpisodeSteps = 5 };

    [Theory]
    [InlineData(AutoresetMode.NextStep)]
    [InlineData(AutoresetMode.SameStep)]
    public void Step_RandomActions_EqualsScalarCopiesSeededSeedPlusI(AutoresetMode mode)
    {
        const int copies = 3;
        using var vector = Make(copies, mode);
        var scalars = Enumerable.Range(0, copies).Select(_ => new WalkEnv()).ToArray();
        var random = new System.Random(7);

        var reset = vector.Reset(seed: 10);
        for (var i = 0; i < copies; i++)
        {
            Assert.Equal(scalars[i].Reset(seed: 10 + (ulong)i).Observation, reset.Observations.AsSpan(2 * i, 2).ToArray());
        }

        var steps = new int[copies];
        var ended = new bool[copies];
        for (var t = 0; t < 40; t++)
        {
            var actions = Enumerable.Range(0, copies).Select(_ => random.Next(2)).ToArray();
            var result = vector.Step(actions);
            for (var i = 0; i < copies; i++)
            {
                var observation = result.Observations.AsSpan(2 * i, 2).ToArray();
                if (ended[i])
                {
                    // Next-step autoreset: this step resets the copy (its action ignored), continuing its generator.
                    Assert.Equal(scalars[i].Reset().Observation, observation);
                    Assert.Equal((0.0, false, false), (result.Rewards[i], result.Terminations[i], result.Truncations[i]));
                    (steps[i], ended[i]) = (0, false);
                    continue;
                }

                var expected = scalars[i].Step(actions[i]);
                var truncated = ++steps[i] >= Spec.MaxEpisodeSteps;
                Assert.Equal((expected.Reward, expected.Terminated, truncated), (result.Rewards[i], result.Terminations[i], result.Truncations[i]));
                if (!(expected.Terminated || truncated))
                {
                    Assert.Equal(expected.Observation, observation);
                }
                else if (mode == AutoresetMode.SameStep)
                {
                    Assert.Equal(scalars[i].Reset().Observation, observation);
                    steps[i] = 0;
                }
                else
                {
                    Assert.Equal(expected.Observation, observation);
                    ended[i] = true;
                }
            }
        }
    }

    [Fact]
    public void Make_PrototypeNotBuiltOnTheDynamics_ThrowsNamingBoth()
    {
        using var push = new PushEnv();
        var request = new VectorRequest(push, new Kwargs("Walk-v0", new Dictionary<string, object?>()), 2, AutoresetMode.NextStep, Spec);

        var error = Assert.Throws<ArgumentException>(() => DynamicsVectorEnv<WalkDynamics, WalkState, float, int>.Make(request));

        Assert.Contains("PushEnv", error.Message, StringComparison.Ordinal);
        Assert.Contains("WalkDynamics", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepObject_WrongBatchType_ThrowsInvalidActionNamingTheExpectedType()
    {
        using var vector = Make(2, AutoresetMode.NextStep);
        vector.Reset(seed: 0);

        var error = Assert.Throws<InvalidActionException>(() => ((IVectorEnv)vector).StepObject(new float[2]));

        Assert.Contains("Int32[]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResetObject_PerCopySeeds_SeedsEachCopyWithItsOwn()
    {
        using var vector = Make(2, AutoresetMode.NextStep);
        using var scalar = new WalkEnv();

        var observations = (float[])((IVectorEnv)vector).ResetObject([5UL, 9UL]).Observations;

        Assert.Equal(scalar.Reset(seed: 9).Observation, observations.AsSpan(2, 2).ToArray());
    }

    private static DynamicsVectorEnv<WalkDynamics, WalkState, float, int> Make(int copies, AutoresetMode mode)
    {
        using var prototype = new WalkEnv();
        var request = new VectorRequest(prototype, new Kwargs("Walk-v0", new Dictionary<string, object?>()), copies, mode, Spec);
        return (DynamicsVectorEnv<WalkDynamics, WalkState, float, int>)DynamicsVectorEnv<WalkDynamics, WalkState, float, int>.Make(request);
    }
}
