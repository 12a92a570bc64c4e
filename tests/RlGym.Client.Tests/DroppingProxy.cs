using System.Net;
using System.Net.Sockets;

namespace RlGym.Client.Tests;

/// <summary>
/// A TCP proxy in front of a server that can cut the connection the moment the server starts answering: the server has
/// received (and applied) the request, the client never sees the answer. That is the lost-answer case retries with
/// sequence numbers exist for.
/// </summary>
internal sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _acceptLoop;
    private int _dropArmed;
    private int _drops;

    private DroppingProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The address clients use instead of the server's.</summary>
    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Connections cut so far.</summary>
    public int Drops => Volatile.Read(ref _drops);

    public static DroppingProxy Start(Uri serverAddress) => new(serverAddress);

    /// <summary>Cuts the connection when the next bytes come back from the server.</summary>
    public void DropNextAnswer() => Volatile.Write(ref _dropArmed, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            await server.ConnectAsync(_target, _stop.Token);
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = PumpAsync(client, server, fromServer: false);
            _ = PumpAsync(server, client, fromServer: true);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool fromServer)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                if (fromServer && Interlocked.Exchange(ref _dropArmed, 0) == 1)
                {
                    Interlocked.Increment(ref _drops);
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other direction (or the test) closed the connection.
        }

        // Reset both ends so each side sees the connection die at once.
        from.LingerState = new LingerOption(true, 0);
        to.LingerState = new LingerOption(true, 0);
        from.Close();
        to.Close();
    }
}
