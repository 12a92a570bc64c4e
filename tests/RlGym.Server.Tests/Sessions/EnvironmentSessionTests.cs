using Microsoft.Extensions.Time.Testing;
using RlGym.Core;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Errors;
using RlGym.Server.Sessions;
using RlGym.TestSupport.Environments;

namespace RlGym.Server.Tests.Sessions;

public class EnvironmentSessionTests
{
    [Fact]
    public async Task StepAsync_RepeatedSequence_ReturnsStoredResponseWithoutSteppingAgain()
    {
        using var session = CreateSession(out var corridor);
        await session.ResetAsync(new ResetRequest { Seed = 3, Options = { ["start"] = new Value { IntValue = 0 } }, Sequence = 1 }, default);

        var first = await session.StepAsync(Right(sequence: 2), default);
        var repeat = await session.StepAsync(Right(sequence: 2), default);

        Assert.Same(first, repeat);
        Assert.Equal(1, corridor.Position);
        var next = await session.StepAsync(Right(sequence: 3), default);
        Assert.Equal(2, corridor.Position);
        Assert.Equal(new float[] { 2 }, TensorCodec.Decode<float>(next.Observation.Tensor));
    }

    [Fact]
    public async Task StepAsync_SequenceGap_ThrowsNamingTheExpectedNumber()
    {
        using var session = CreateSession(out _);
        await session.ResetAsync(new ResetRequest { Seed = 3, Sequence = 1 }, default);

        var error = await Assert.ThrowsAsync<SequenceMismatchException>(() => session.StepAsync(Right(sequence: 5), default));

        Assert.Contains("expected 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("or 1 to repeat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepAsync_FirstSequencedRequestNotOne_ThrowsExpectingOne()
    {
        using var session = CreateSession(out _);

        var error = await Assert.ThrowsAsync<SequenceMismatchException>(() => session.ResetAsync(new ResetRequest { Sequence = 2 }, default));

        Assert.Contains("expected 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetAsync_RepeatingAStepsNumber_IsRejected()
    {
        using var session = CreateSession(out _);
        await session.ResetAsync(new ResetRequest { Seed = 3, Sequence = 1 }, default);
        await session.StepAsync(Right(sequence: 2), default);

        var error = await Assert.ThrowsAsync<SequenceMismatchException>(() => session.ResetAsync(new ResetRequest { Sequence = 2 }, default));

        Assert.Contains("was used by a step, not a reset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepAsync_Unsequenced_AlwaysAppliesAndKeepsTheCounter()
    {
        using var session = CreateSession(out var corridor);
        await session.ResetAsync(new ResetRequest { Options = { ["start"] = new Value { IntValue = 0 } }, Sequence = 1 }, default);

        await session.StepAsync(Right(sequence: 0), default);
        await session.StepAsync(Right(sequence: 0), default);
        await session.StepAsync(Right(sequence: 2), default);

        Assert.Equal(3, corridor.Position);
    }

    [Fact]
    public async Task StepAsync_FailedSequencedRequest_DoesNotConsumeTheNumber()
    {
        using var session = CreateSession(out _);
        await session.ResetAsync(new ResetRequest { Seed = 1, Sequence = 1 }, default);

        await Assert.ThrowsAsync<InvalidActionException>(() => session.StepAsync(new StepRequest { Action = new Value { IntValue = 7 }, Sequence = 2 }, default));
        var retried = await session.StepAsync(Right(sequence: 2), default);

        Assert.Equal(2UL, retried.Sequence);
    }

    [Fact]
    public async Task StepAsync_BeforeReset_ThrowsResetNeeded()
    {
        using var session = CreateSession(out _);

        await Assert.ThrowsAsync<ResetNeededException>(() => session.StepAsync(Right(sequence: 0), default));
    }

    [Fact]
    public async Task StepAsync_AfterClose_ThrowsUnknownHandle()
    {
        using var session = CreateSession(out _);

        await session.CloseAsync(default);

        await Assert.ThrowsAsync<UnknownHandleException>(() => session.StepAsync(Right(sequence: 0), default));
    }

    [Fact]
    public async Task StepAsync_IntRewards_SendsAnInt64ScalarReward()
    {
        var env = (IEnv)TestEnvironments.CreateRegistry().Make(TestEnvironments.CorridorId, new Dictionary<string, object?> { ["int_rewards"] = true, ["length"] = 2L });
        using var session = new EnvironmentSession("h", new SingleEnvTarget(env), 1, new FakeTimeProvider());
        await session.ResetAsync(new ResetRequest { Seed = 0 }, default);

        var step = await session.StepAsync(Right(sequence: 0), default);

        Assert.Equal(DType.Int64, step.Reward.Dtype);
        Assert.Empty(step.Reward.Shape);
        Assert.Equal(new[] { 1L }, TensorCodec.Decode<long>(step.Reward));
        Assert.Equal(new[] { true }, TensorCodec.Decode<bool>(step.Terminated));
    }

    [Fact]
    public async Task ResetAsync_WithSeeds_IsRejectedAsVectorOnly()
    {
        using var session = CreateSession(out _);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.ResetAsync(new ResetRequest { Seeds = { 1, 2 } }, default));

        Assert.Contains("vector environments", error.Message, StringComparison.Ordinal);
    }

    private static StepRequest Right(ulong sequence) => new() { Action = new Value { IntValue = 1 }, Sequence = sequence };

    private static EnvironmentSession CreateSession(out CorridorEnv corridor)
    {
        var env = TestEnvironments.CreateRegistry().Make<float[], int>(TestEnvironments.CorridorId, new Dictionary<string, object?> { ["length"] = 10L });
        corridor = (CorridorEnv)((Core.Wrappers.Wrapper<float[], int>)env).Unwrapped;
        return new EnvironmentSession("handle", new SingleEnvTarget(env), 1, new FakeTimeProvider());
    }
}
