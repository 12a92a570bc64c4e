using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using RlGym.Client;
using RlGym.IntegrationTests.Docker;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RlGym.IntegrationTests;

/// <summary>The server image itself: health, its user, restarts and graceful shutdown on <c>docker stop</c>.</summary>
[Collection(DockerCollection.Name)]
public sealed class ServerImageTests(ServerImageFixture image)
{
    [DockerFact]
    public async Task Start_ServerImage_ServesHealthAsAnUnprivilegedUser()
    {
        await using var server = await image.StartServerAsync();

        var status = await server.HealthAsync();
        var user = await server.Container.ExecAsync(["id", "-u"]);

        Assert.Equal(ServingStatus.Serving, status);
        Assert.Equal("10001", user.Stdout.Trim());
    }

    [DockerFact]
    public async Task Restart_MidEpisode_ClientSeesUnavailableThenNotFoundAndContinuesWithANewHandle()
    {
        var port = FreePort();
        var options = new RemoteEnvOptions { Retry = new RetryOptions { MaxRetries = 2, Backoff = TimeSpan.FromMilliseconds(50) } };
        var quickStop = new Dictionary<string, string> { ["RlGym__ShutdownGracePeriod"] = "00:00:01" };
        var first = await image.StartServerAsync(port, quickStop);
        using var env = RemoteEnv.Make<float[], int>("CartPole-v1", options with { Address = first.Address });
        env.Reset(seed: 1);
        env.Step(0);

        await first.DisposeAsync();
        var down = Assert.Throws<RemoteEnvException>(() => env.Step(1));
        await using var second = await image.StartServerAsync(port, quickStop);
        var gone = Assert.Throws<KeyNotFoundException>(() => env.Step(1));
        using var fresh = RemoteEnv.Make<float[], int>("CartPole-v1", options with { Address = second.Address });
        var reset = fresh.Reset(seed: 1);
        var step = fresh.Step(0);

        Assert.Equal(StatusCode.Unavailable, down.StatusCode);
        Assert.Contains("Unknown environment handle", gone.Message, StringComparison.Ordinal);
        Assert.Equal(4, reset.Observation.Length);
        Assert.Equal(1.0, step.Reward);
    }

    [DockerFact]
    public async Task DockerStop_HandleOpen_DrainsThenExitsOnceTheHandleCloses()
    {
        await using var server = await image.StartServerAsync(
            environment: new Dictionary<string, string> { ["RlGym__ShutdownGracePeriod"] = "00:00:25" }, autoRemove: false);
        using var open = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = server.Address });
        open.Reset(seed: 3);

        var clock = Stopwatch.StartNew();
        var stop = DockerEngine.RunAsync("docker", ["stop", "-t", "40", server.Container.Id], TimeSpan.FromSeconds(60));
        await server.WaitForHealthAsync(ServingStatus.NotServing, TimeSpan.FromSeconds(20));
        var refused = Assert.Throws<RemoteEnvException>(() =>
            RemoteEnv.Make("CartPole-v1", new RemoteEnvOptions { Address = server.Address, Retry = RetryOptions.None }));
        var stepWhileDraining = open.Step(1);
        var stillRunning = !stop.IsCompleted;
        open.Close();
        await stop;
        var stoppedAfter = clock.Elapsed;
        var log = await server.LogsAsync();

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1.0, stepWhileDraining.Reward);
        Assert.True(stillRunning, "docker stop finished while a handle was still open");
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(20), $"the server took {stoppedAfter} to stop after its last handle closed; its log:\n{log}");
        Assert.Contains("every handle is closed", log, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
