using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace RlGym.IntegrationTests.Docker;

/// <summary>
/// The Docker engine these tests use: whether one answers, the settings Testcontainers needs on our machines, and the
/// <c>docker</c> command line for what Testcontainers does not do (building images, <c>docker stop -t</c>).
/// </summary>
internal static class DockerEngine
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Whether the tests run in CI (<c>CI=true</c>), where Docker is required and a missing engine fails them.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why no engine can be used (null when one answers).</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>
    /// Settings measured to work here (PITFALLS "Docker and Testcontainers"), applied before Testcontainers reads them
    /// unless already set: Debian's engine 20.10 speaks API 1.41; the resource reaper's image cannot be pulled, so it is
    /// off and containers remove themselves; connections go to loopback-published ports.
    /// </summary>
    [ModuleInitializer]
    public static void ApplyDefaults()
    {
        SetDefault("DOCKER_API_VERSION", "1.41");
        SetDefault("TESTCONTAINERS_RYUK_DISABLED", "true");
        SetDefault("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
    }

    /// <summary>
    /// Runs <c>docker</c> (or another command) with <paramref name="environment"/> added to this process's, and returns
    /// its output; throws with the output when it fails.
    /// </summary>
    public static async Task<string> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{fileName} {string.Join(' ', start.ArgumentList)}` did not finish within {timeout}.");
        }

        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"`{fileName} {string.Join(' ', start.ArgumentList)}` exited with {process.ExitCode}:\n{Tail(output)}");
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];

    private static void SetDefault(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>Null when the engine answers <c>/_ping</c> on its socket, else the reason.</summary>
    private static string? Probe()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } configured ? configured : "unix:///var/run/docker.sock";
        if (!host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return null; // a TCP engine: let Testcontainers find out
        }

        var path = host["unix://".Length..];
        if (!File.Exists(path))
        {
            return $"no Docker engine: {path} does not exist (install docker.io and start dockerd; CI=true makes this a failure)";
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 3000, SendTimeout = 3000 };
            socket.Connect(new UnixDomainSocketEndPoint(path));
            socket.Send("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8);
            var buffer = new byte[256];
            var read = socket.Receive(buffer);
            var answer = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
            return answer.Contains(" 200 ", StringComparison.Ordinal)
                ? null
                : $"the Docker engine at {path} answered /_ping with: {answer.Split('\n')[0].Trim()}";
        }
        catch (SocketException e)
        {
            return $"no Docker engine answers at {path}: {e.Message} (start dockerd; CI=true makes this a failure)";
        }
    }
}
