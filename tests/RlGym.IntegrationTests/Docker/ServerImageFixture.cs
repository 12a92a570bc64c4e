using RlGym.TestSupport;

namespace RlGym.IntegrationTests.Docker;

/// <summary>
/// Builds the server image from the working tree once per test run: the local stand-ins for the official .NET images
/// (<c>docker/build-local-images.sh</c>, cached by tag) and then <c>docker/Dockerfile</c> on them, whose restore layer
/// stays cached while no project file changes.
/// </summary>
public sealed class ServerImageFixture : IAsyncLifetime
{
    /// <summary>The tag the image is built under.</summary>
    public const string ImageTag = "rlgym-server:integration";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    /// <summary>How long building the images took (near zero when everything was cached).</summary>
    public TimeSpan BuildTime { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (DockerEngine.UnavailableReason is { } reason)
        {
            if (DockerEngine.IsCi)
            {
                throw new InvalidOperationException($"CI requires Docker for the integration tests, but {reason}.");
            }

            return; // every test is skipped with the reason
        }

        var started = DateTime.UtcNow;
        await DockerEngine.RunAsync("bash", [Path.Combine("docker", "build-local-images.sh")], BuildTimeout, RepositoryPaths.Root);
        await DockerEngine.RunAsync("docker", [
            "build", "-q", "-f", Path.Combine("docker", "Dockerfile"),
            "--build-arg", "SDK_IMAGE=rlgym-local/dotnet-sdk:10.0",
            "--build-arg", "RUNTIME_IMAGE=rlgym-local/aspnet:10.0",
            "-t", ImageTag, ".",
        ], BuildTimeout, RepositoryPaths.Root);
        BuildTime = DateTime.UtcNow - started;
    }

    /// <summary>Starts a server container from the image (see <see cref="ServerContainer.StartAsync"/>).</summary>
    public Task<ServerContainer> StartServerAsync(
        int? hostPort = null, IReadOnlyDictionary<string, string>? environment = null, bool autoRemove = true) =>
        ServerContainer.StartAsync(ImageTag, hostPort, environment, autoRemove);

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}
