using System.Diagnostics;
using System.Net.Sockets;
using Grpc.Core;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Environments;
using RlGym.TestSupport.Server;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Server.Tests.Connections;

/// <summary>Connections as a bounded resource, through real sockets on loopback.</summary>
public class ConnectionGuardTests
{
    [Fact]
    public async Task SilentSocket_PrefaceTimeoutPasses_ServerClosesIt()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.ConnectionPrefaceTimeout = TimeSpan.FromSeconds(1));
        using var socket = await ConnectAsync(server);
        var watch = Stopwatch.StartNew();

        var closed = await ClosedByServerAsync(socket, TimeSpan.FromSeconds(10));

        Assert.True(closed, "a socket that never sent the HTTP/2 preface was still open after 10 s");
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task HalfAPreface_PrefaceTimeoutPasses_ServerClosesIt()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.ConnectionPrefaceTimeout = TimeSpan.FromSeconds(1));
        using var socket = await ConnectAsync(server);

        await socket.SendAsync("PRI * HTTP/2.0\r\n"u8.ToArray());
        var closed = await ClosedByServerAsync(socket, TimeSpan.FromSeconds(10));

        Assert.True(closed, "a socket that stopped in the middle of the HTTP/2 preface was still open after 10 s");
    }

    [Fact]
    public async Task IdleClient_LongerThanPrefaceTimeoutAndPingDelay_KeepsItsConnectionAndHandle()
    {
        // Had the connection been closed, the client would reconnect at once, but the handle's 0.5 s lease would be over.
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o =>
        {
            o.ConnectionPrefaceTimeout = TimeSpan.FromSeconds(1);
            o.KeepAlivePingDelay = TimeSpan.FromSeconds(1);
            o.KeepAlivePingTimeout = TimeSpan.FromSeconds(1);
            o.HandleLease = TimeSpan.FromSeconds(0.5);
        });
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });

        await Task.Delay(TimeSpan.FromSeconds(4));
        var reset = await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 1 });

        Assert.NotNull(reset.Observation);
    }

    [Fact]
    public async Task Connect_MaxConnectionsReached_ExtraIsClosedAndAGoodClientIsServedOnceTheOthersClose()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o =>
        {
            o.MaxConnections = 3;
            o.ConnectionPrefaceTimeout = TimeSpan.FromSeconds(30);
        });
        var silent = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            silent.Add(await ConnectAsync(server));
        }

        try
        {
            // The limit is checked as sockets are accepted, so the extra one may be reset before its connect returns.
            var extraClosed = await ConnectAndSeeClosedAsync(server, TimeSpan.FromSeconds(10));
            var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                await server.CreateClient().ListEnvironmentsAsync(new ListEnvironmentsRequest(), deadline: DateTime.UtcNow.AddSeconds(10)));

            Assert.True(extraClosed, "a connection past MaxConnections was left open");

            // Refused at once, not left to its deadline. Grpc.Net.Client reports a connection closed before the HTTP/2
            // handshake as UNAVAILABLE, and one closed during it (the server read the client's preface first, as it
            // does under load) as the HTTP/2 protocol error it is: INTERNAL.
            Assert.Contains(refused.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        }
        finally
        {
            foreach (var socket in silent)
            {
                socket.Dispose();
            }
        }

        var list = await ListWhenServedAsync(server.CreateClient(), TimeSpan.FromSeconds(10));
        Assert.NotEmpty(list.Environments);
    }

    private static async Task<Socket> ConnectAsync(LoopbackServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Address.Host, server.Address.Port);
        return socket;
    }

    private static async Task<bool> ConnectAndSeeClosedAsync(LoopbackServer server, TimeSpan within)
    {
        Socket socket;
        try
        {
            socket = await ConnectAsync(server);
        }
        catch (SocketException)
        {
            return true;
        }

        using (socket)
        {
            return await ClosedByServerAsync(socket, within);
        }
    }

    /// <summary>True once the server closed (or reset) the socket, false when it is still open after <paramref name="within"/>.</summary>
    private static async Task<bool> ClosedByServerAsync(Socket socket, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                // A server that speaks HTTP/2 first sends its SETTINGS; a closed connection reads 0 bytes.
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Retries while the server still counts the closed sockets (they close asynchronously).</summary>
    private static async Task<ListEnvironmentsResponse> ListWhenServedAsync(EnvironmentsClient client, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await client.ListEnvironmentsAsync(new ListEnvironmentsRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
