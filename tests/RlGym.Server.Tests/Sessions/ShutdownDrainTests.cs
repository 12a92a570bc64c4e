using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RlGym.Protocol.V1;
using RlGym.Server.Sessions;
using RlGym.TestSupport.Environments;
using RlGym.TestSupport.Server;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RlGym.Server.Tests.Sessions;

/// <summary>Graceful shutdown through the real host: what clients see while the server drains.</summary>
public class ShutdownDrainTests
{
    private static readonly TimeSpan LongGrace = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StoppingAsync_HandleOpen_NewCreateIsUnavailableWithAShutdownMessage()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.ShutdownGracePeriod = LongGrace);
        var client = new EnvironmentsClient(server.CreateChannel());
        var open = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });

        var stopping = server.App.StopAsync();
        await server.WaitUntilNotServingAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("shutting down", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("another server", error.Status.Detail, StringComparison.Ordinal);
        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = open.Handle });
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task StoppingAsync_HandleOpen_HandleKeepsWorkingUntilClosedThenTheServerStops()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.ShutdownGracePeriod = LongGrace);
        var client = new EnvironmentsClient(server.CreateChannel());
        var open = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });
        await client.ResetAsync(new ResetRequest { Handle = open.Handle, Sequence = 1 });

        var stopping = server.App.StopAsync();
        await server.WaitUntilNotServingAsync();
        var step = await client.StepAsync(new StepRequest { Handle = open.Handle, Action = new Value { IntValue = 1 }, Sequence = 2 });
        var stillDraining = !stopping.IsCompleted;
        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = open.Handle });
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2ul, step.Sequence);
        Assert.True(stillDraining, "the server stopped while a handle was still open, long before the grace period ended");
    }

    [Fact]
    public async Task StoppingAsync_HealthWatched_WatchHearsNotServingWithoutWaitingForThePublisher()
    {
        // The publisher would next run in an hour: only the drain itself can tell the Watch stream.
        await using var server = await LoopbackServer.StartAsync(
            TestEnvironments.CreateRegistry(),
            o => o.ShutdownGracePeriod = LongGrace,
            b => b.Services.Configure<HealthCheckPublisherOptions>(p => (p.Delay, p.Period) = (TimeSpan.FromHours(1), TimeSpan.FromHours(1))));
        var client = new EnvironmentsClient(server.CreateChannel());
        var open = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });
        using var watch = new Health.HealthClient(server.CreateChannel()).Watch(new HealthCheckRequest { Service = RlGymServer.HealthServiceName });
        Assert.True(await watch.ResponseStream.MoveNext());

        var stopping = server.App.StopAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (watch.ResponseStream.Current.Status != ServingStatus.NotServing)
        {
            Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        }

        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = open.Handle });
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task StoppingAsync_NoHandleOpen_StopsWithoutWaitingForTheGracePeriod()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.ShutdownGracePeriod = LongGrace);

        await server.App.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(server.LoggedMessages, m => m.Contains("every handle is closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppingAsync_OnlyGoneClientsHoldHandles_StopsWithoutWaitingForTheirLeaseOrTheGracePeriod()
    {
        var lease = TimeSpan.FromSeconds(30);
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => (o.ShutdownGracePeriod, o.HandleLease) = (LongGrace, lease));
        var store = server.App.Services.GetRequiredService<HandleStore>();
        var gone = GrpcChannel.ForAddress(server.Address);
        var client = new EnvironmentsClient(gone);
        var first = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });
        var second = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId, NumEnvs = 4 });
        gone.Dispose();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (store.Get(first.Handle).Connection?.ClosedAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the server never saw the client's connection close");
            await Task.Delay(20);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await server.App.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the drain took {clock.Elapsed} for handles whose client was gone");
        Assert.Contains(server.LoggedMessages, m => m.Contains("every handle is closed", StringComparison.Ordinal));
        Assert.Contains(server.LoggedMessages, m => m.Contains($"Closed handle {second.Handle}: its client's connection closed", StringComparison.Ordinal)
            && m.Contains("shutting down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppingAsync_GracePeriodEnds_OpenSessionStreamEndsUnavailable()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(1));
        var client = new EnvironmentsClient(server.CreateChannel());
        using var session = client.Session();
        await session.RequestStream.WriteAsync(new SessionRequest { RequestId = 1, Create = new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId } });
        Assert.True(await session.ResponseStream.MoveNext());

        var stopping = server.App.StopAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ResponseStream.MoveNext());
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(error.StatusCode == StatusCode.Unavailable, $"expected UNAVAILABLE, got {error.Status}; the server logged: {string.Join(" | ", server.LoggedMessages)}");
        Assert.Contains("shutting down", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("grace period ended", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(server.LoggedMessages, m => m.Contains("grace period of 00:00:01 ended with 1 handles still open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppingAsync_NoHandleLeft_OpenSessionStreamEndsUnavailableSayingEveryHandleIsClosed()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.ShutdownGracePeriod = LongGrace);
        var client = new EnvironmentsClient(server.CreateChannel());
        using var session = client.Session();
        await session.RequestStream.WriteAsync(new SessionRequest { RequestId = 1, List = new ListEnvironmentsRequest() });
        Assert.True(await session.ResponseStream.MoveNext());

        var stopping = server.App.StopAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ResponseStream.MoveNext());
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.DoesNotContain("grace period", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("every environment handle is closed", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingAsync_LastHandleClosedOverTheSessionStream_TheCloseIsAnsweredBeforeTheStreamEnds()
    {
        // Closing the last handle ends the drain at once, racing the stream's answer to that close: a lost answer
        // made the client re-send its close for its whole retry budget. Repeated because it is a race.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.ShutdownGracePeriod = LongGrace);
            var client = new EnvironmentsClient(server.CreateChannel());
            using var session = client.Session();
            await session.RequestStream.WriteAsync(new SessionRequest { RequestId = 1, Create = new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId } });
            Assert.True(await session.ResponseStream.MoveNext());
            var handle = session.ResponseStream.Current.Create.Handle;

            var stopping = server.App.StopAsync();
            await server.WaitUntilNotServingAsync();
            await session.RequestStream.WriteAsync(new SessionRequest { RequestId = 2, Close = new CloseEnvironmentRequest { Handle = handle } });
            var answered = await session.ResponseStream.MoveNext();
            var closeAnswer = session.ResponseStream.Current;
            var end = await Assert.ThrowsAsync<RpcException>(() => session.ResponseStream.MoveNext());
            await stopping.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(answered && closeAnswer.RequestId == 2 && closeAnswer.ResponseCase == SessionResponse.ResponseOneofCase.Close,
                $"attempt {attempt}: the close was not answered ({closeAnswer})");
            Assert.Equal(StatusCode.Unavailable, end.StatusCode);
        }
    }
}
