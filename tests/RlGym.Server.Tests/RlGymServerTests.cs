using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Sessions;
using RlGym.TestSupport.Environments;
using RlGym.TestSupport.Server;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Server.Tests;

/// <summary>The hosting around the service: endpoints, limits, health, reflection, gRPC-Web, configuration.</summary>
public class RlGymServerTests
{
    [Fact]
    public async Task StartAsync_PortZero_BindsAFreeLoopbackPort()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());

        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.NotEqual(0, server.Address.Port);
        Assert.NotEqual(50051, server.Address.Port);
    }

    [Fact]
    public async Task StartAsync_OnceBound_LogsListeningOnTheAddress()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());

        Assert.Contains(server.LoggedMessages, m => m.EndsWith($"Listening on http://127.0.0.1:{server.Address.Port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Step_ManyHandlesConcurrently_EachFollowsItsOwnEpisode()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var client = new EnvironmentsClient(server.CreateChannel());

        var positions = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId, Kwargs = { ["length"] = new Value { IntValue = 100 } } });
            await client.ResetAsync(new ResetRequest { Handle = created.Handle, Options = { ["start"] = new Value { IntValue = i } } });
            StepResponse last = null!;
            for (var t = 0; t < 20; t++)
            {
                last = await client.StepAsync(new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 } });
            }

            return TensorCodec.Decode<float>(last.Observation.Tensor)[0];
        }));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => i + 20f), positions);
    }

    [Theory]
    [InlineData("")]
    [InlineData(RlGymServer.HealthServiceName)]
    public async Task HealthCheck_RunningServer_IsServing(string service)
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var health = new Health.HealthClient(server.CreateChannel());

        var response = await health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_ListServices_IncludesEnvironmentsAndHealth()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var reflection = new ServerReflection.ServerReflectionClient(server.CreateChannel());
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(default));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToArray();
        Assert.Contains("rlgym.v1.Environments", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task Step_MessageOverMaxReceiveMessageBytes_IsResourceExhausted()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.MaxReceiveMessageBytes = 1024);
        var client = new EnvironmentsClient(server.CreateChannel());
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });
        var huge = new Value { Tensor = TensorCodec.Encode(new float[4096], [4096]) };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = created.Handle, Action = huge }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("exceeds the maximum configured message size", error.Status.Detail, StringComparison.Ordinal);
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 1 });
    }

    [Fact]
    public async Task Step_FortyMegabyteMessageUnderTheDefaultLimit_IsReceivedAndJudgedOnItsContent()
    {
        // Kestrel's own 30 MB request body limit must not cut in before the 64 MiB gRPC message limit.
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var client = new EnvironmentsClient(server.CreateChannel());
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });
        var large = new Value { Tensor = TensorCodec.Encode(new float[10_000_000], [10_000_000]) };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.StepAsync(new StepRequest { Handle = created.Handle, Action = large }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("got a float32 tensor of shape [10000000]", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListEnvironments_ResponseOverMaxSendMessageBytes_IsResourceExhausted()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.MaxSendMessageBytes = 64);
        var client = new EnvironmentsClient(server.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ListEnvironmentsAsync(new ListEnvironmentsRequest()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("exceeds the maximum configured message size", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrpcWeb_UnaryCallOnTheGrpcWebPort_IsServed()
    {
        var webPort = LoopbackServer.FreeTcpPort();
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.GrpcWebPort = webPort);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{webPort}", new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = new Version(1, 1),
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new EnvironmentsClient(channel);

        var list = await client.ListEnvironmentsAsync(new ListEnvironmentsRequest());

        Assert.Equal(TestEnvironments.CorridorId, Assert.Single(list.Environments).Spec.Id);
        Assert.Contains(server.Addresses, a => a.EndsWith($":{webPort}", StringComparison.Ordinal));
        Assert.NotEqual(webPort, server.Address.Port);
    }

    [Fact]
    public async Task UnixSocket_Configured_ServesGrpc()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rlgym-{Guid.NewGuid():N}.sock");
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o => o.UnixSocketPath = path);
        using var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
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
        });

        var list = await new EnvironmentsClient(channel).ListEnvironmentsAsync(new ListEnvironmentsRequest());

        Assert.Single(list.Environments);
    }

    [Fact]
    public async Task IdleHandle_AfterHandleIdleTimeout_IsClosedAndNotFound()
    {
        var time = new FakeTimeProvider();
        await using var server = await LoopbackServer.StartAsync(
            TestEnvironments.CreateRegistry(),
            o => o.HandleIdleTimeout = TimeSpan.FromMinutes(10),
            builder => builder.Services.AddSingleton<TimeProvider>(time));
        var client = new EnvironmentsClient(server.CreateChannel());
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId });

        time.Advance(TimeSpan.FromMinutes(11));
        server.App.Services.GetRequiredService<HandleStore>().CloseExpired();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ResetAsync(new ResetRequest { Handle = created.Handle }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Theory]
    [InlineData(10.0, 30.0, 30.0)] // leases on: an idle client's connection stays as long as its idle handles
    [InlineData(10.0, 0.0, double.PositiveInfinity)] // handles never idle out: neither do connections
    [InlineData(0.0, 30.0, 130.0 / 60)] // leases off: Kestrel's default
    public async Task StartAsync_HandleLease_KeepsIdleConnectionsOpenAsLongAsIdleHandles(double leaseSeconds, double idleMinutes, double keepAliveMinutes)
    {
        // Kestrel closes a connection without requests after KeepAliveTimeout; that would end a living client's lease.
        await using var server = await LoopbackServer.StartAsync(
            TestEnvironments.CreateRegistry(), o => (o.HandleLease, o.HandleIdleTimeout) = (TimeSpan.FromSeconds(leaseSeconds), TimeSpan.FromMinutes(idleMinutes)));

        var kestrel = server.App.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        // Kestrel keeps Timeout.InfiniteTimeSpan as TimeSpan.MaxValue.
        Assert.Equal(double.IsInfinity(keepAliveMinutes) ? TimeSpan.MaxValue : TimeSpan.FromMinutes(keepAliveMinutes), kestrel.Limits.KeepAliveTimeout);
    }

    [Fact]
    public void CreateBuilder_ConfigurationSection_BindsOptions()
    {
        var builder = RlGymServer.CreateBuilder(
            ["--RlGym:MaxHandles=7", "--RlGym:HandleIdleTimeout=00:01:30", "--RlGym:HandleLease=00:00:03", "--RlGym:Port=0"], TestEnvironments.CreateRegistry());
        using var app = RlGymServer.Build(builder);

        var options = app.Services.GetRequiredService<IOptions<RlGymServerOptions>>().Value;

        Assert.Equal(7, options.MaxHandles);
        Assert.Equal(TimeSpan.FromSeconds(90), options.HandleIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.HandleLease);
        Assert.Equal("127.0.0.1", options.Host);
    }

    [Fact]
    public void CreateBuilder_ConfigureCallback_OverridesConfiguration()
    {
        var builder = RlGymServer.CreateBuilder(["--RlGym:MaxHandles=7"], TestEnvironments.CreateRegistry(), o => o.MaxHandles = 3);
        using var app = RlGymServer.Build(builder);

        Assert.Equal(3, app.Services.GetRequiredService<IOptions<RlGymServerOptions>>().Value.MaxHandles);
    }

    [Fact]
    public async Task Cors_PreflightFromAnAllowedOrigin_AllowsTheGrpcWebHeaders()
    {
        var webPort = LoopbackServer.FreeTcpPort();
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o =>
        {
            o.GrpcWebPort = webPort;
            o.CorsOrigins.Add(AllowedOrigin);
        });

        using var response = await PreflightAsync(webPort, AllowedOrigin);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal(AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        foreach (var header in new[] { "CONTENT-TYPE", "X-GRPC-WEB", "X-USER-AGENT", "GRPC-TIMEOUT" })
        {
            Assert.Contains(header, allowed, StringComparison.Ordinal);
        }

        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cors_PreflightFromAnotherOriginOrWithNoOriginsConfigured_GetsNoAllowOrigin(bool someOriginAllowed)
    {
        var webPort = LoopbackServer.FreeTcpPort();
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o =>
        {
            o.GrpcWebPort = webPort;
            if (someOriginAllowed)
            {
                o.CorsOrigins.Add("https://other.example.org");
            }
        });

        using var response = await PreflightAsync(webPort, AllowedOrigin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_GrpcWebCallFromAnAllowedOrigin_AllowsTheOriginAndExposesGrpcStatus()
    {
        var webPort = LoopbackServer.FreeTcpPort();
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o =>
        {
            o.GrpcWebPort = webPort;
            o.CorsOrigins.Add(AllowedOrigin);
        });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{webPort}/rlgym.v1.Environments/ListEnvironments")
        {
            // One gRPC-Web frame: flags 0, length 0 (an empty ListEnvironmentsRequest).
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc-web+proto");
        request.Headers.Add("Origin", AllowedOrigin);
        request.Headers.Add("X-Grpc-Web", "1");

        using var response = await http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal(AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("grpc-status", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("grpc-message", exposed, StringComparison.OrdinalIgnoreCase);
        // A gRPC-Web response carries grpc-status in its trailer frame, at the end of the body.
        Assert.Matches(@"grpc-status:\s*0\r\n", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public void Create_CorsOriginWithAPath_FailsValidation()
    {
        var error = Assert.Throws<OptionsValidationException>(() => RlGymServer.Create([], TestEnvironments.CreateRegistry(), o =>
        {
            o.GrpcWebPort = 8080;
            o.CorsOrigins.Add("https://lab.example.org/page");
        }));

        Assert.Contains("CorsOrigins", error.Message, StringComparison.Ordinal);
    }

    private const string AllowedOrigin = "http://localhost:5173";

    private static async Task<HttpResponseMessage> PreflightAsync(int webPort, string origin)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, $"http://127.0.0.1:{webPort}/rlgym.v1.Environments/ListEnvironments");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web,x-user-agent,grpc-timeout");
        return await http.SendAsync(request);
    }
}
