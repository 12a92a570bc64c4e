using System.Net;
using System.Net.Sockets;
using RlGym.Client;

namespace RlGym.Cli.Tests.Commands;

/// <summary>
/// <c>rlgym serve</c> under silent sockets past its descriptor limit, run alone and opened at a steady pace (20 every
/// 100 ms). A burst of connects faster than Kestrel dispatches accepted sockets to the connection limit still fills the
/// descriptor table before any per-connection check runs (measured: 600 back-to-back connects reach 511 of 512
/// descriptors and can abort the runtime, whatever the limit), which needs the accept loop itself throttled: open in
/// issue 13.
/// </summary>
[CollectionDefinition(nameof(ServeDescriptorPressureTests), DisableParallelization = true)]
[Collection(nameof(ServeDescriptorPressureTests))]
public sealed class ServeDescriptorPressureTests
{
    /// <summary>
    /// The server as its own process under a low RLIMIT_NOFILE (prlimit): more silent sockets than it has descriptors
    /// used to abort it ("Out of memory.", SIGABRT); now the extra ones are refused, the silent ones closed after
    /// --connection-timeout, and a good client is served afterwards.
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

                if (i % 20 == 19)
                {
                    await Task.Delay(100);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.False(server.HasExited, "the server died under 600 silent sockets: " + string.Join(" | ", log.TakeLast(5)));
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
}
