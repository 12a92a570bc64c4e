using System.Diagnostics;
using System.Runtime.InteropServices;
using Grpc.Core;
using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Vectorized;
using RlGym.TestSupport.Server;
using Xunit.Abstractions;

namespace RlGym.Client.Tests.Transport;

/// <summary>
/// Retries and sequence numbers through a proxy that drops connections between the client and a real server: a
/// request whose fate is unknown is re-sent with its number until answered, and one the client gave up on is re-sent
/// before the next, so an environment never wedges on a sequence gap. The fault-free trajectory is the local
/// environment's (the server's equals it bit for bit, see <see cref="RemoteEnvFixtureTests"/>).
/// </summary>
public sealed class RemoteConnectionTests(ITestOutputHelper output)
{
    /// <summary>Quick re-sends: loopback reconnects in about a millisecond.</summary>
    private static readonly RetryOptions QuickRetry = new() { Backoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(20) };

    /// <summary>A short budget, and reconnect attempts well inside it.</summary>
    private static readonly RetryOptions ShortBudget = new()
    {
        Budget = TimeSpan.FromMilliseconds(500),
        Backoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    [Theory]
    [InlineData(RemoteTransport.Stream, 0.01)]
    [InlineData(RemoteTransport.Stream, 0.15)]
    [InlineData(RemoteTransport.Unary, 0.01)]
    [InlineData(RemoteTransport.Unary, 0.15)]
    public async Task Step_CartPole10000StepsThroughDroppedConnections_EqualsTheFaultFreeTrajectory(RemoteTransport transport, double dropProbability)
    {
        const int steps = 10_000;
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        ExpectAbortedRequests(server);
        await using var proxy = DroppingProxy.Start(server.Address, dropProbability, seed: 0);
        using var remote = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = proxy.Address, Transport = transport, Retry = QuickRetry });
        using var local = Gym.Make<float[], int>("CartPole-v1");
        var random = new Random(0);
        var clock = Stopwatch.StartNew();

        Assert.Equal(local.Reset(seed: 0).Observation, remote.Reset(seed: 0).Observation);
        var episodes = 1;
        for (var t = 0; t < steps; t++)
        {
            var action = random.Next(2);
            var expected = local.Step(action);
            var actual = remote.Step(action);
            Assert.True(expected.Observation.AsSpan().SequenceEqual(actual.Observation), $"observation of step {t}");
            Assert.Equal((expected.Reward, expected.Terminated, expected.Truncated), (actual.Reward, actual.Terminated, actual.Truncated));
            if (expected.Terminated || expected.Truncated)
            {
                Assert.Equal(local.Reset().Observation, remote.Reset().Observation);
                episodes++;
            }
        }

        output.WriteLine(
            $"{transport}, p = {dropProbability}: {steps} steps, {episodes} episodes in {clock.Elapsed.TotalSeconds:F1} s; "
            + $"{proxy.Drops} drops ({proxy.DropsBeforeServer} towards the server, {proxy.DropsAfterServer} back), "
            + $"{remote.Untyped.Connection.Retries} re-sends, {proxy.Connections} connections.");
        Assert.True(proxy.DropsBeforeServer > 0 && proxy.DropsAfterServer > 0, "both fates must have happened");
        Assert.False(remote.Untyped.Connection.HasPending);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_VectorEnvThroughDroppedConnections_EqualsTheLocalVectorEnv(RemoteTransport transport)
    {
        const int n = 8;
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        ExpectAbortedRequests(server);
        await using var proxy = DroppingProxy.Start(server.Address, 0.15, seed: 1);
        using var remote = RemoteVectorEnv.Make<float[], int[]>(
            "CartPole-v1", n, new RemoteEnvOptions { Address = proxy.Address, Transport = transport, Retry = QuickRetry }, vectorization: Vectorizations.Soa);
        using var local = (IVectorEnv<float[], int[]>)BuiltInEnvironments.CreateRegistry().MakeVec("CartPole-v1", n, vectorization: Vectorizations.Soa);
        var random = new Random(0);
        var actions = new int[n];

        Assert.Equal(Bits(local.Reset(0).Observations), Bits(remote.Reset(0).Observations));
        for (var t = 0; t < 1000; t++)
        {
            for (var i = 0; i < n; i++)
            {
                actions[i] = random.Next(2);
            }

            var expected = local.Step(actions);
            var actual = remote.Step(actions);
            Assert.True(Bits(expected.Observations).SequenceEqual(Bits(actual.Observations)), $"step {t}");
            Assert.Equal(expected.Rewards, actual.Rewards);
            Assert.Equal(expected.Terminations, actual.Terminations);
            Assert.Equal(expected.Truncations, actual.Truncations);
            if (t % 250 == 249)
            {
                Assert.Equal(Bits(local.Reset((ulong)t).Observations), Bits(remote.Reset((ulong)t).Observations));
            }
        }

        output.WriteLine($"{transport}: {proxy.Drops} drops, {remote.Untyped.Connection.Retries} re-sends.");
        Assert.True(proxy.Drops > 0);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream, false)]
    [InlineData(RemoteTransport.Stream, true)]
    [InlineData(RemoteTransport.Unary, false)]
    [InlineData(RemoteTransport.Unary, true)]
    public async Task Step_ServerUnreachableLongerThanTheBudget_ThrowsAndTheNextStepContinuesTheTrajectory(RemoteTransport transport, bool answerLost)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        await using var proxy = DroppingProxy.Start(server.Address);
        using var remote = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = proxy.Address, Transport = transport, Retry = ShortBudget });
        using var local = Gym.Make<float[], int>("CartPole-v1");
        remote.Reset(seed: 0);
        local.Reset(seed: 0);
        remote.Step(0);
        local.Step(0);

        // Unreachable for 2 s: the step never reaches the server, or the server applies it and the answer is lost.
        var outage = Stopwatch.StartNew();
        if (answerLost)
        {
            proxy.DropNextAnswer(thenRefuse: true);
        }
        else
        {
            proxy.Refuse();
        }

        var error = Assert.Throws<RemoteEnvException>(() => remote.Step(1));
        var gaveUpAfter = outage.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2) - outage.Elapsed);
        proxy.Admit();
        var next = remote.Step(0);
        var after = remote.Step(1);

        output.WriteLine($"gave up after {gaveUpAfter.TotalMilliseconds:F0} ms with {error.StatusCode}; {remote.Untyped.Connection.Retries} re-sends in all.");
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.InRange(gaveUpAfter, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(1.9));
        local.Step(1);
        Assert.Equal(local.Step(0).Observation, next.Observation);
        Assert.Equal(local.Step(1).Observation, after.Observation);
        Assert.False(remote.Untyped.Connection.HasPending);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_EveryAttemptFailedBeforeReachingTheServer_NextStepIsNoSequenceGap(RemoteTransport transport)
    {
        // The wedge of issue #13: the number of a step that never reached the server was counted as used, so every
        // later request was a sequence gap (FAILED_PRECONDITION, "expected 2") for good.
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        await using var proxy = DroppingProxy.Start(server.Address);
        using var remote = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions
        {
            Address = proxy.Address,
            Transport = transport,
            Retry = new RetryOptions { MaxRetries = 1, Backoff = TimeSpan.FromMilliseconds(10) },
        });
        using var local = Gym.Make<float[], int>("CartPole-v1");
        remote.Reset(seed: 0);
        local.Reset(seed: 0);

        proxy.Refuse();
        Assert.Throws<RemoteEnvException>(() => remote.Step(1));
        proxy.Admit();
        await Task.Delay(TimeSpan.FromSeconds(2)); // past the channel's reconnect backoff, however it is set
        var next = remote.Step(0);

        local.Step(1);
        Assert.Equal(local.Step(0).Observation, next.Observation);
    }

    [Fact]
    public async Task Step_PendingStepRejectedOnceReachable_LeavesItsNumberToTheNextStep()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        await using var proxy = DroppingProxy.Start(server.Address);
        using var remote = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = proxy.Address, Retry = ShortBudget });
        using var local = Gym.Make<float[], int>("CartPole-v1");
        remote.Reset(seed: 0);
        local.Reset(seed: 0);

        proxy.Refuse();
        Assert.Throws<RemoteEnvException>(() => remote.Step(5));
        proxy.Admit();
        var next = remote.Step(1);

        Assert.Equal(local.Step(1).Observation, next.Observation);
        Assert.Equal(2UL, remote.Untyped.LastSequence);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Step_ServerRejects_NeverRetries(RemoteTransport transport)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        using var remote = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = server.Address.ToString(), Transport = transport });
        remote.Reset(seed: 0);

        Assert.Throws<InvalidActionException>(() => remote.Step(5));

        Assert.Equal(0, remote.Untyped.Connection.Retries);
        Assert.False(remote.Untyped.Connection.HasPending);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Render_AnswerLost_ResendsAndReturnsTheFrame(RemoteTransport transport)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        await using var proxy = DroppingProxy.Start(server.Address);
        using var remote = RemoteEnv.Make<float[], int>(
            "CartPole-v1", new RemoteEnvOptions { Address = proxy.Address, Transport = transport, Retry = QuickRetry }, renderMode: RenderModes.RgbArray);
        remote.Reset(seed: 0);

        proxy.DropNextAnswer();
        var frame = Assert.IsType<RgbFrame>(remote.Render());

        Assert.Equal(1, proxy.Drops);
        Assert.True(frame.Height > 0);
    }

    [Theory]
    [InlineData(RemoteTransport.Stream)]
    [InlineData(RemoteTransport.Unary)]
    public async Task Close_AnswerLost_ResendFindsTheHandleGoneAndCloseSucceeds(RemoteTransport transport)
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        await using var proxy = DroppingProxy.Start(server.Address);
        var remote = RemoteEnv.Make("CartPole-v1", new RemoteEnvOptions { Address = proxy.Address, Transport = transport, Retry = QuickRetry });

        proxy.DropNextAnswer();
        remote.Close();

        Assert.Equal(1, proxy.Drops);
        Assert.Equal(1, remote.Connection.Retries);
        remote.Dispose();
    }

    [Fact]
    public async Task Close_ServerGone_GivesUpAfterTheCloseBudgetNotTheWholeRetryBudget()
    {
        var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var remote = RemoteEnv.Make("CartPole-v1", new RemoteEnvOptions { Address = server.Address.ToString(), Transport = RemoteTransport.Unary });
        await server.DisposeAsync();
        var clock = Stopwatch.StartNew();

        remote.Close();

        Assert.True(remote.Connection.Retries > 0, "the close was not re-sent while the server was unreachable");
        Assert.InRange(clock.Elapsed, RlGym.Client.Transport.RemoteConnection.CloseBudget * 0.8, new RetryOptions().Budget * 0.5);
        remote.Dispose();
    }

    /// <summary>
    /// A unary call whose connection is cut while the server reads its request is logged by Grpc.AspNetCore as an error
    /// ("The request stream was aborted"): expected here, where the proxy cuts connections on purpose.
    /// </summary>
    private static void ExpectAbortedRequests(LoopbackServer server) =>
        server.ExpectErrors(e => e.Contains("The request stream was aborted", StringComparison.Ordinal));

    private static byte[] Bits(float[] observations) => MemoryMarshal.AsBytes(observations.AsSpan()).ToArray();
}
