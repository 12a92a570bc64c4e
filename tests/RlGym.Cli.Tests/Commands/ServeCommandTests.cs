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

    private static int FreePort()
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
