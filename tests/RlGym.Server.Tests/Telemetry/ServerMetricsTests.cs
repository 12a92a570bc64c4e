using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Grpc.Core;
using RlGym.Environments;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Server;

namespace RlGym.Server.Tests.Telemetry;

/// <summary>
/// The server's metrics as Prometheus scrapes them: a real server on loopback, a real client, GET /metrics. The
/// meter's name is process-wide, so these tests run alone (no other server steps CartPole meanwhile).
/// </summary>
[CollectionDefinition(nameof(ServerMetricsTests), DisableParallelization = true)]
[Collection(nameof(ServerMetricsTests))]
public partial class ServerMetricsTests
{
    private const string CartPole = "CartPole-v1";

    [Fact]
    public async Task Metrics_StepsOfASingleAndAVectorEnv_CountEveryCopy()
    {
        const int singleSteps = 5;
        const int vectorSteps = 3;
        const int copies = 4;
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;
        var grpc = server.CreateClient();
        var before = await ScrapeAsync(http);

        var single = (await grpc.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole })).Handle;
        await grpc.ResetAsync(new ResetRequest { Handle = single, Seed = 1 });
        for (var t = 0; t < singleSteps; t++)
        {
            await grpc.StepAsync(new StepRequest { Handle = single, Action = new Value { IntValue = t % 2 } });
        }

        var vector = (await grpc.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = copies })).Handle;
        await grpc.ResetAsync(new ResetRequest { Handle = vector, Seed = 1 });
        for (var t = 0; t < vectorSteps; t++)
        {
            var actions = Enumerable.Range(0, copies).Select(i => (long)((i + t) % 2)).ToArray();
            await grpc.StepAsync(new StepRequest { Handle = vector, Action = new Value { Tensor = TensorCodec.Encode<long>(actions) } });
        }

        var after = await ScrapeAsync(http);

        Assert.Equal(0, Sample(before, "rlgym_env_steps_total", $"env_id=\"{CartPole}\""));
        Assert.Equal(singleSteps + (vectorSteps * copies), Sample(after, "rlgym_env_steps_total", $"env_id=\"{CartPole}\""));
        Assert.Equal(singleSteps + vectorSteps, Sample(after, "rlgym_step_duration_seconds_count", $"env_id=\"{CartPole}\""));
        Assert.Contains("# TYPE rlgym_step_duration_seconds histogram", after, StringComparison.Ordinal);
        Assert.True(Sample(after, "rlgym_connections") >= 1, after);
    }

    [Fact]
    public async Task Metrics_HandlesOpenedAndClosed_GaugeGoesUpAndDown()
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;
        var grpc = server.CreateClient();

        var first = (await grpc.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole })).Handle;
        await grpc.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 8 });
        var open = Sample(await ScrapeAsync(http), "rlgym_handles_open");
        await grpc.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = first });
        var closed = Sample(await ScrapeAsync(http), "rlgym_handles_open");

        Assert.Equal(2, open);
        Assert.Equal(1, closed);
    }

    [Fact]
    public async Task Metrics_UnknownHandle_CountsAFailedRequestByCode()
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;
        var grpc = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await grpc.StepAsync(new StepRequest { Handle = "no-such-handle", Action = new Value { IntValue = 0 } }));
        var text = await ScrapeAsync(http);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(1, Sample(text, "rlgym_requests_failed_total", "code=\"NotFound\""));
    }

    [Fact]
    public async Task Metrics_CallsRejectedBeforeAnyHandler_AreCountedByCode()
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;
        var invoker = server.CreateChannel().CreateCallInvoker();
        var bytes = Marshallers.Create(static (byte[] b) => b, static b => b);
        var step = new Method<byte[], byte[]>(MethodType.Unary, "rlgym.v1.Environments", "Step", bytes, bytes);
        var missing = new Method<byte[], byte[]>(MethodType.Unary, "rlgym.v1.Environments", "NoSuchMethod", bytes, bytes);

        var unparsable = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(step, null, new CallOptions(), [0xff, 0xff, 0xff]));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(missing, null, new CallOptions(), []));
        var text = await ScrapeAsync(http);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.Unimplemented), (unparsable.StatusCode, unknown.StatusCode));
        Assert.Equal(1, Sample(text, "rlgym_requests_failed_total", "code=\"InvalidArgument\""));
        Assert.Equal(1, Sample(text, "rlgym_requests_failed_total", "code=\"Unimplemented\""));
    }

    [Fact]
    public async Task Metrics_OtherPathOnTheMetricsPortOrMetricsOnTheGrpcPort_AreNotServed()
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;

        using var other = await http.GetAsync(new Uri("/other", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var grpcPort = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var onGrpc = await grpcPort.GetAsync(new Uri(server.Address, "/metrics"));
        Assert.NotEqual(HttpStatusCode.OK, onGrpc.StatusCode);
    }

    [Fact]
    public async Task GetServerStatus_WithoutAMetricsPort_AnswersThisServersRunningTotals()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var grpc = server.CreateClient();
        var idle = await grpc.GetServerStatusAsync(new GetServerStatusRequest());

        var single = (await grpc.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole })).Handle;
        await grpc.ResetAsync(new ResetRequest { Handle = single, Seed = 1 });
        for (var t = 0; t < 5; t++)
        {
            await grpc.StepAsync(new StepRequest { Handle = single, Action = new Value { IntValue = t % 2 } });
        }

        var vector = (await grpc.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = CartPole, NumEnvs = 4 })).Handle;
        await grpc.ResetAsync(new ResetRequest { Handle = vector, Seed = 1 });
        await grpc.StepAsync(new StepRequest { Handle = vector, Action = new Value { Tensor = TensorCodec.Encode<long>([0, 1, 0, 1]) } });
        await grpc.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = single });
        await Assert.ThrowsAsync<RpcException>(async () => await grpc.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = single }));
        var busy = await grpc.GetServerStatusAsync(new GetServerStatusRequest());

        Assert.Equal((0L, 0L, 0L), (idle.HandlesOpen, idle.EnvStepsTotal, idle.RequestsFailedTotal));
        Assert.Equal((1L, 5L + 4L, 1L), (busy.HandlesOpen, busy.EnvStepsTotal, busy.RequestsFailedTotal));
        Assert.True(busy.Connections >= 1, $"connections {busy.Connections}");
        Assert.True(busy.UptimeSeconds > idle.UptimeSeconds && idle.UptimeSeconds > 0, $"uptime {idle.UptimeSeconds} then {busy.UptimeSeconds}");
        Assert.Matches(@"^\d+\.\d+\.\d+", busy.Version);
    }

    private static async Task<(LoopbackServer Server, HttpClient Http)> StartAsync()
    {
        var port = LoopbackServer.FreeTcpPort();
        var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.MetricsPort = port);
        return (server, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the sample <paramref name="name"/> whose labels contain <paramref name="label"/>; 0 when absent.</summary>
    private static double Sample(string text, string name, string label = "")
    {
        foreach (Match match in SampleLine().Matches(text))
        {
            if (match.Groups["name"].Value == name && match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})?\s+(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
