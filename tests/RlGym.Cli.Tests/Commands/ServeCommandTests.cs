using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using RlGym.Client;
using RlGym.Protocol.V1;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Cli.Tests.Commands;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Invoke_FreePort_AnswersHealthAndCartPoleStepThenStops()
    {
        var port = FreePort();
        var output = new SignalingWriter("Listening on ");
        using var stop = new CancellationTokenSource();
        var serving = RlGymCommand.Create()
            .Parse(["serve", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, stop.Token);

        await output.Seen.WaitAsync(TimeSpan.FromSeconds(60));
        var address = $"http://127.0.0.1:{port}";
        Assert.Contains($"Listening on {address}", output.ToString(), StringComparison.Ordinal);
        using (var channel = GrpcChannel.ForAddress(address))
        {
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }

        using (var env = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = address }))
        {
            var (observation, _) = env.Reset(seed: 42);
            var result = env.Step(1);
            Assert.Equal(4, observation.Length);
            Assert.Equal(1.0, result.Reward);
        }

        await stop.CancelAsync();
        var exitCode = await serving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Invoke_MetricsPortAndCorsOrigin_ServesMetricsAndAllowsTheOrigin()
    {
        var (port, webPort, metricsPort) = (FreePort(), FreePort(), FreePort());
        const string origin = "http://localhost:5173";
        var output = new SignalingWriter(" (metrics)");
        using var stop = new CancellationTokenSource();
        var serving = RlGymCommand.Create()
            .Parse(["serve", "--port", $"{port}", "--grpc-web-port", $"{webPort}", "--metrics-port", $"{metricsPort}", "--cors-origin", origin])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, stop.Token);

        await output.Seen.WaitAsync(TimeSpan.FromSeconds(60));
        using (var env = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = $"http://127.0.0.1:{port}" }))
        {
            env.Reset(seed: 1);
            env.Step(0);
        }

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"http://127.0.0.1:{webPort}/rlgym.v1.Environments/Step");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web");
        using var allowed = await http.SendAsync(preflight);
        await stop.CancelAsync();
        var exitCode = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains($"Listening on http://127.0.0.1:{metricsPort} (metrics)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("rlgym_env_steps_total{", metrics, StringComparison.Ordinal);
        Assert.Equal(origin, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK, " (gRPC-Web, dashboard at /)")]
    [InlineData(true, HttpStatusCode.NotFound, " (gRPC-Web)")]
    public async Task Invoke_GrpcWebPortWithOrWithoutNoDashboard_ServesTheDashboardUnlessTold(bool noDashboard, HttpStatusCode expected, string marker)
    {
        var (port, webPort) = (FreePort(), FreePort());
        var output = new SignalingWriter("(gRPC-Web");
        using var stop = new CancellationTokenSource();
        string[] args = ["serve", "--port", $"{port}", "--grpc-web-port", $"{webPort}", .. noDashboard ? new[] { "--no-dashboard" } : []];
        var serving = RlGymCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, stop.Token);

        await output.Seen.WaitAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        using var page = await http.GetAsync(new Uri($"http://127.0.0.1:{webPort}/"));
        await stop.CancelAsync();
        var exitCode = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(expected, page.StatusCode);
        Assert.Contains($"Listening on http://127.0.0.1:{webPort}{marker}{Environment.NewLine}", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Serve_OtlpEndpointInTheEnvironment_ExportsTheStepMetricsThere()
    {
        // A stand-in OTLP/HTTP collector: what the exporter posts to /v1/metrics (protobuf; names travel as UTF-8).
        var collectorPort = FreePort();
        using var collector = new HttpListener { Prefixes = { $"http://127.0.0.1:{collectorPort}/" } };
        collector.Start();
        var port = FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "rlgym.dll"), "serve", "--host", "127.0.0.1", "--port", $"{port}" },
            Environment =
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{collectorPort}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            },
        };
        using var server = System.Diagnostics.Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Listening on", StringComparison.Ordinal) is true)
            {
                listening.TrySetResult();
            }
        };
        server.BeginOutputReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using (var env = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = $"http://127.0.0.1:{port}" }))
            {
                env.Reset(seed: 1);
                env.Step(0);
            }

            var (path, contentType, body) = await ReceiveUntilAsync(collector, "rlgym.env.steps", TimeSpan.FromSeconds(30));

            Assert.Equal("/v1/metrics", path);
            Assert.Equal("application/x-protobuf", contentType);
            Assert.Contains("CartPole-v1", body, StringComparison.Ordinal);
            Assert.Contains("rlgym.step.duration", body, StringComparison.Ordinal);
            Assert.Contains("service.name", body, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Answers the collector's requests until one's body contains <paramref name="text"/>; returns that one.</summary>
    private static async Task<(string Path, string? ContentType, string Body)> ReceiveUntilAsync(HttpListener collector, string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var context = await collector.GetContextAsync().WaitAsync(deadline.Token);
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer, deadline.Token);
            context.Response.StatusCode = 200;
            context.Response.Close();
            var body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            if (body.Contains(text, StringComparison.Ordinal))
            {
                return (context.Request.Url!.AbsolutePath, context.Request.ContentType, body);
            }
        }
    }

    [Fact]
    public async Task Invoke_Plugins_ServesThePluginEnvNextToTheBuiltIns()
    {
        using var plugins = new RlGym.TestSupport.Server.TestPlugins(withBroken: false);
        var port = FreePort();
        var output = new SignalingWriter("Listening on ");
        using var stop = new CancellationTokenSource();
        var serving = RlGymCommand.Create()
            .Parse(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--plugins", plugins.Directory])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, stop.Token);

        await output.Seen.WaitAsync(TimeSpan.FromSeconds(60));
        using (var env = RemoteEnv.Make<int, int>("LineWalk-v0", new RemoteEnvOptions { Address = $"http://127.0.0.1:{port}" }))
        {
            var (cell, _) = env.Reset(seed: 42);
            var result = env.Step(0);
            Assert.Equal(Math.Max(cell - 1, 0), result.Observation);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Invoke_HandleLease_FreesTheHandleOfAGoneClientAfterIt()
    {
        var port = FreePort();
        var output = new SignalingWriter("Listening on ");
        using var stop = new CancellationTokenSource();
        var serving = RlGymCommand.Create()
            .Parse(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--handle-lease", "0.5"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, stop.Token);
        await output.Seen.WaitAsync(TimeSpan.FromSeconds(60));
        var address = $"http://127.0.0.1:{port}";
        string handle;
        using (var gone = GrpcChannel.ForAddress(address))
        {
            handle = (await new EnvironmentsClient(gone).CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1" })).Handle;
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        using var channel = GrpcChannel.ForAddress(address);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new EnvironmentsClient(channel).ResetAsync(new ResetRequest { Handle = handle }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("00:00:00.5000000 after its client's connection closed", error.Status.Detail, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Invoke_UdsPathIsARegularFile_ExitsWithCode1AndKeepsTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rlgym-not-a-socket-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "precious");
        try
        {
            var (exitCode, output, error) = await CliRunner.InvokeAsync("serve", "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--uds", path);

            Assert.True(exitCode == 1, output + error);
            Assert.Contains("not a socket", error, StringComparison.Ordinal);
            Assert.Equal("precious", await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Invoke_UdsPathHoldsAStaleSocket_ReplacesItAndServes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rlgym-stale-{Guid.NewGuid():N}.sock");
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(path));
        }

        var output = new SignalingWriter("Listening on unix://");
        using var stop = new CancellationTokenSource();
        var serving = RlGymCommand.Create()
            .Parse(["serve", "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--uds", path])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, stop.Token);
        try
        {
            await output.Seen.WaitAsync(TimeSpan.FromSeconds(60));
            using var env = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = "unix://" + path });
            var (observation, _) = env.Reset(seed: 1);

            Assert.Equal(4, observation.Length);
        }
        finally
        {
            await stop.CancelAsync();
            await serving.WaitAsync(TimeSpan.FromSeconds(30));
            File.Delete(path);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Collects output from any thread and signals when a line containing <c>marker</c> was written.</summary>
    private sealed class SignalingWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();

        public Task Seen => _seen.Task;

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }

            if (value?.Contains(marker, StringComparison.Ordinal) == true)
            {
                _seen.TrySetResult();
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return base.ToString();
            }
        }
    }
}
