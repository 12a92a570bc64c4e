using System.Net;
using System.Net.Sockets;
using RlGym.Client;

namespace RlGym.Cli.Tests.Commands;

/// <summary>
/// <c>rlgym serve</c> under a burst of silent sockets past its descriptor limit (run alone: it measures the server's
/// descriptors).
/// </summary>
[CollectionDefinition(nameof(ServeDescriptorPressureTests), DisableParallelization = true)]
[Collection(nameof(ServeDescriptorPressureTests))]
public sealed class ServeDescriptorPressureTests
{
    /// <summary>
    /// The server as its own process under a low RLIMIT_NOFILE (prlimit): 600 back-to-back connects used to abort it
    /// ("Out of memory.", SIGABRT) and, with the limit checked in connection middleware, still filled 511 of its 512
    /// descriptors (Kestrel accepts faster than it dispatches); now sockets past the limit are closed as they are
    /// accepted, the server's descriptors stay below its limit, the silent ones are closed after --connection-timeout,
    /// and a good client is served afterwards.
    /// </summary>
    [PrlimitFact]
    public async Task Serve_SilentSocketsPastTheDescriptorLimit_SurvivesAndServesAGoodClientOnceTheyClose()
    {
        var port = ServeCommandTests.FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "rlgym.dll");
        var start = new System.Diagnostics.ProcessStartInfo(PrlimitFactAttribute.Prlimit)
        {
            ArgumentList = { "--nofile=512:512", "dotnet", dll, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--connection-timeout", "2" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var server = System.Diagnostics.Process.Start(start)!;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                log.Enqueue(line);
                if (line.StartsWith("Listening on ", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            }
        };
        server.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var sockets = new List<Socket>();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));

            using var stopSampling = new CancellationTokenSource();
            var sampling = PeakDescriptorsAsync(server.Id, stopSampling.Token);
            for (var i = 0; i < 600; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // Refused past the limit: the server may close one before the connect even returns.
                }

            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            await stopSampling.CancelAsync();
            var peak = await sampling;

            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.False(server.HasExited, "the server died under 600 silent sockets: " + string.Join(" | ", log.TakeLast(5)));
            Assert.True(peak <= 480, $"the server held up to {peak} of its 512 descriptors during the burst (418 measured with the limit checked at accept, 511 before)");
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            sockets.Clear();
            using var env = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = $"http://127.0.0.1:{port}" });
            var (observation, _) = env.Reset(seed: 42);

            Assert.Equal(4, observation.Length);
            Assert.False(server.HasExited);
            Assert.Contains(log, line => line.Contains("connection limit MaxConnections", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            if (!server.HasExited)
            {
                server.Kill();
                await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }

    /// <summary>The most descriptors process <paramref name="pid"/> (the dotnet process prlimit became) had open, sampled until cancelled.</summary>
    private static async Task<int> PeakDescriptorsAsync(int pid, CancellationToken stop)
    {
        var peak = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                peak = Math.Max(peak, Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count());
            }
            catch (IOException)
            {
                // A descriptor closed while the directory was read, or the process ended: the next sample tells.
            }

            await Task.Yield();
        }

        return peak;
    }
}
