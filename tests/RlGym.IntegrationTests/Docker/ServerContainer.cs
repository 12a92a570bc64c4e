using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Grpc.Health.V1;
using Grpc.Net.Client;
using RlGym.Server;

namespace RlGym.IntegrationTests.Docker;

/// <summary>A running server container, its gRPC port published on 127.0.0.1; removed when disposed (or stopped).</summary>
public sealed class ServerContainer : IAsyncDisposable
{
    /// <summary>The port the server listens on inside the container.</summary>
    public const int ContainerPort = 50051;

    private ServerContainer(IContainer container)
    {
        Container = container;
        HostPort = $"{container.Hostname}:{container.GetMappedPublicPort(ContainerPort)}";
    }

    /// <summary>The Testcontainers container.</summary>
    public IContainer Container { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as the Python and TypeScript clients take it.</summary>
    public string HostPort { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, as the C# client takes it.</summary>
    public string Address => $"http://{HostPort}";

    /// <summary>
    /// Starts a container of <paramref name="image"/> and waits until it serves: its log says it listens and
    /// grpc.health.v1 answers SERVING. <paramref name="hostPort"/> fixes the published port (a restart keeps the address).
    /// Without <paramref name="autoRemove"/> the container outlives its process (to read its log after a stop) and is
    /// removed only when disposed.
    /// </summary>
    public static async Task<ServerContainer> StartAsync(
        string image, int? hostPort = null, IReadOnlyDictionary<string, string>? environment = null, bool autoRemove = true)
    {
        var builder = new ContainerBuilder(image)
            .WithAutoRemove(autoRemove)
            .WithEnvironment("Logging__LogLevel__Default", "Information")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Listening on"));
        builder = hostPort is { } port ? builder.WithPortBinding(port, ContainerPort) : builder.WithPortBinding(ContainerPort, assignRandomHostPort: true);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            builder = builder.WithEnvironment(name, value);
        }

        var container = builder.Build();
        await container.StartAsync();
        var server = new ServerContainer(container);
        await server.WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus.Serving, TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>The health of the Environments service, or null when the server does not answer.</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus?> HealthAsync()
    {
        using var channel = GrpcChannel.ForAddress(Address);
        try
        {
            var response = await new Health.HealthClient(channel).CheckAsync(
                new HealthCheckRequest { Service = RlGymServer.HealthServiceName }, deadline: DateTime.UtcNow.AddSeconds(3));
            return response.Status;
        }
        catch (Grpc.Core.RpcException)
        {
            return null;
        }
    }

    /// <summary>Waits until health reports <paramref name="status"/>.</summary>
    public async Task WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await HealthAsync() != status)
        {
            if (DateTime.UtcNow > deadline)
            {
                var (stdout, stderr) = await Container.GetLogsAsync();
                throw new TimeoutException($"The container at {Address} did not report {status} within {timeout}. Its log:\n{stdout}\n{stderr}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The container's log so far.</summary>
    public async Task<string> LogsAsync()
    {
        var (stdout, stderr) = await Container.GetLogsAsync();
        return stdout + stderr;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Container.DisposeAsync();
}
