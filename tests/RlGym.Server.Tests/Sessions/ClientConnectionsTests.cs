using System.Diagnostics;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RlGym.Protocol.V1;
using RlGym.Server.Sessions;
using RlGym.TestSupport.Environments;
using RlGym.TestSupport.Server;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Server.Tests.Sessions;

/// <summary>
/// Handle leases through the real server on real sockets: a handle outlives its client's connection by
/// <see cref="RlGymServerOptions.HandleLease"/>, and a request on another connection within it takes the handle over.
/// </summary>
public class ClientConnectionsTests
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after the lease a freed handle may take to go: the sweep period, plus a loaded machine.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Track_ChannelDisposedWithoutClosingTheHandle_HandleIsNotFoundAfterTheLease()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.HandleLease = ShortLease);
        var store = server.App.Services.GetRequiredService<HandleStore>();
        var dying = GrpcChannel.ForAddress(server.Address);
        var created = await new EnvironmentsClient(dying).CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });

        var clock = Stopwatch.StartNew();
        dying.Dispose();
        await WaitUntilAsync(() => store.Count == 0, ShortLease + Slack, "the handle of a gone client was never freed");
        var freedAfter = clock.Elapsed;

        Assert.True(freedAfter >= ShortLease, $"the handle was freed {freedAfter} after its client left, before the lease of {ShortLease} ended");
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.CreateClient().ResetAsync(new ResetRequest { Handle = created.Handle, Sequence = 1 }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("after its client's connection closed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(server.LoggedMessages, m => m.Contains($"Closed handle {created.Handle}: its client's connection closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Track_AnotherConnectionStepsWithinTheLease_HandleKeepsItsSequenceAndMovesToThatConnection()
    {
        var lease = TimeSpan.FromSeconds(2);
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.HandleLease = lease);
        var store = server.App.Services.GetRequiredService<HandleStore>();
        var first = GrpcChannel.ForAddress(server.Address);
        var a = new EnvironmentsClient(first);
        var created = await a.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });
        await a.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 3, Sequence = 1 });
        await a.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 }, Sequence = 2 });
        first.Dispose();
        await WaitUntilAsync(() => store.Get(created.Handle).Connection?.ClosedAt is not null, Slack, "the server never saw the first connection close");

        var second = GrpcChannel.ForAddress(server.Address);
        var b = new EnvironmentsClient(second);
        StepResponse step;
        using (var session = b.Session())
        {
            await session.RequestStream.WriteAsync(new SessionRequest
            {
                RequestId = 1,
                Step = new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 }, Sequence = 3 },
            });
            Assert.True(await session.ResponseStream.MoveNext());
            step = session.ResponseStream.Current.Step;
            await session.RequestStream.CompleteAsync();
        }

        await Task.Delay(lease + TimeSpan.FromSeconds(1));
        var later = await b.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 0 }, Sequence = 4 });
        var clock = Stopwatch.StartNew();
        second.Dispose();
        await WaitUntilAsync(() => store.Count == 0, lease + Slack, "the handle was not freed after its new connection closed");

        Assert.Equal(3ul, step.Sequence);
        Assert.Equal(4ul, later.Sequence);
        Assert.True(clock.Elapsed >= lease, $"the handle was freed {clock.Elapsed} after its second connection closed, before the lease of {lease} ended");
    }

    [Fact]
    public async Task Track_ConnectionOpenAndIdleLongerThanTheLease_HandleLives()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.HandleLease = ShortLease);
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });

        await Task.Delay(ShortLease * 4);
        var reset = await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 1, Sequence = 1 });

        Assert.Equal(1ul, reset.Sequence);
    }

    [Fact]
    public async Task Track_UnixSocketClientGone_HandleIsFreedAfterTheLease()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rlgym-{Guid.NewGuid():N}.sock");
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => (o.UnixSocketPath, o.HandleLease) = (path, ShortLease));
        var store = server.App.Services.GetRequiredService<HandleStore>();
        var dying = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            },
            DisposeHttpClient = true,
        });
        var created = await new EnvironmentsClient(dying).CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });
        var leased = store.Get(created.Handle).Connection is not null;

        dying.Dispose();
        await WaitUntilAsync(() => store.Count == 0, ShortLease + Slack, "the handle of a gone Unix socket client was never freed");

        Assert.True(leased, "a handle created over the Unix socket was not leased to its connection");
    }

    [Fact]
    public async Task Of_GrpcWebCall_HandleGetsNoLease()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var webPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => (o.GrpcWebPort, o.HandleLease) = (webPort, ShortLease));
        var store = server.App.Services.GetRequiredService<HandleStore>();
        using var web = GrpcChannel.ForAddress($"http://127.0.0.1:{webPort}", new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = new Version(1, 1),
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });

        await new EnvironmentsClient(web).ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 1, Sequence = 1 });

        Assert.Null(store.Get(created.Handle).Connection);
    }

    [Fact]
    public async Task Of_LeaseDisabled_HandleGetsNoLease()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.HandleLease = TimeSpan.Zero);
        var store = server.App.Services.GetRequiredService<HandleStore>();

        var created = await server.CreateClient().CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });

        Assert.Null(store.Get(created.Handle).Connection);
    }

    [Fact]
    public async Task Of_InProcessTestServer_HandleGetsNoLease()
    {
        // TestServer has no connections: its handles must not be freed for a connection that never was.
        var builder = RlGymServer.CreateBuilder([], TestEnvironments.CreateRegistry(), o => (o.HandleLease, o.ShutdownGracePeriod) = (ShortLease, TimeSpan.Zero));
        builder.WebHost.UseTestServer();
        await using var app = RlGymServer.Build(builder);
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
        var store = app.Services.GetRequiredService<HandleStore>();

        var created = await new EnvironmentsClient(channel).CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });
        await Task.Delay(ShortLease * 3);

        Assert.Null(store.Get(created.Handle).Connection);
        await app.StopAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, $"{failure} (waited {limit})");
            await Task.Delay(20);
        }
    }
}
