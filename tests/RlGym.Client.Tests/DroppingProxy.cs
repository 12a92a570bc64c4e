using System.Net;
using System.Net.Sockets;

namespace RlGym.Client.Tests;

/// <summary>
/// A TCP proxy in front of a server that cuts connections (a reset at both ends) to simulate a flaky network:
/// <list type="bullet">
/// <item><see cref="DropNextAnswer"/> cuts the connection the moment the server starts answering: the server has
/// received (and applied) the request, the client never sees the answer. That is the lost-answer case retries with
/// sequence numbers exist for.</item>
/// <item>A drop probability cuts the connection at a chunk of bytes towards the server with that probability (drawn
/// from a seeded generator), half of the time before forwarding it (the request never reaches the server) and half of
/// the time after, at the server's next bytes back (the server applied the request, its answer is lost).</item>
/// <item><see cref="Refuse"/> cuts every connection and resets new ones at once until <see cref="Admit"/>: a server
/// that cannot be reached.</item>
/// </list>
/// </summary>
internal sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Socket> _sockets = [];
    private readonly Task _acceptLoop;
    private readonly double _dropProbability;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private int _dropArmed;
    private int _refuseAfterDrop;
    private int _refusing;
    private int _drops;
    private int _dropsBeforeServer;
    private int _connections;

    private DroppingProxy(Uri target, double dropProbability, int seed)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _dropProbability = dropProbability;
        _random = new Random(seed);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The address clients use instead of the server's.</summary>
    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Connections cut so far (by any cause but <see cref="Refuse"/>).</summary>
    public int Drops => Volatile.Read(ref _drops);

    /// <summary>Connections cut while carrying bytes to the server (the request may not have reached it).</summary>
    public int DropsBeforeServer => Volatile.Read(ref _dropsBeforeServer);

    /// <summary>Connections cut while carrying bytes back from the server (the request may have been applied).</summary>
    public int DropsAfterServer => Drops - DropsBeforeServer;

    /// <summary>Connections accepted so far, refused ones included.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts a proxy that drops nothing until told to.</summary>
    public static DroppingProxy Start(Uri serverAddress) => new(serverAddress, 0, 0);

    /// <summary>Starts a proxy that cuts the connection at each chunk towards the server with probability <paramref name="dropProbability"/>.</summary>
    public static DroppingProxy Start(Uri serverAddress, double dropProbability, int seed) => new(serverAddress, dropProbability, seed);

    /// <summary>Cuts the connection when the next bytes come back from the server; with <paramref name="thenRefuse"/>, refuses from then on.</summary>
    public void DropNextAnswer(bool thenRefuse = false)
    {
        Volatile.Write(ref _refuseAfterDrop, thenRefuse ? 1 : 0);
        Volatile.Write(ref _dropArmed, 1);
    }

    /// <summary>Cuts every open connection and resets new ones at once, until <see cref="Admit"/>.</summary>
    public void Refuse()
    {
        Volatile.Write(ref _refusing, 1);
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                Reset(socket);
            }
        }
    }

    /// <summary>Lets connections through again after <see cref="Refuse"/>.</summary>
    public void Admit() => Volatile.Write(ref _refusing, 0);

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

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Close();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            if (Volatile.Read(ref _refusing) == 1)
            {
                Reset(client);
                continue;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            await server.ConnectAsync(_target, _stop.Token);
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            var link = new Link();
            _ = PumpAsync(client, server, link, fromServer: false);
            _ = PumpAsync(server, client, link, fromServer: true);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Link link, bool fromServer)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0 || Volatile.Read(ref _refusing) == 1)
                {
                    break;
                }

                if (ShouldDrop(link, fromServer))
                {
                    Interlocked.Increment(ref _drops);
                    if (!fromServer)
                    {
                        Interlocked.Increment(ref _dropsBeforeServer);
                    }

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
        lock (_sockets)
        {
            _sockets.Remove(from);
            _sockets.Remove(to);
        }

        Reset(from);
        Reset(to);
    }

    private bool ShouldDrop(Link link, bool fromServer)
    {
        if (fromServer)
        {
            if (Interlocked.Exchange(ref link.DropAnswer, 0) == 1)
            {
                return true;
            }

            if (Interlocked.Exchange(ref _dropArmed, 0) == 1)
            {
                if (Volatile.Read(ref _refuseAfterDrop) == 1)
                {
                    Volatile.Write(ref _refusing, 1);
                }

                return true;
            }

            return false;
        }

        if (_dropProbability <= 0)
        {
            return false;
        }

        double draw;
        lock (_randomLock)
        {
            draw = _random.NextDouble();
        }

        if (draw < _dropProbability / 2)
        {
            return true;
        }

        if (draw < _dropProbability)
        {
            Volatile.Write(ref link.DropAnswer, 1);
        }

        return false;
    }

    /// <summary>The state both directions of one proxied connection share.</summary>
    private sealed class Link
    {
        /// <summary>1 when the server's next bytes on this connection are to be dropped.</summary>
        public int DropAnswer;
    }
}
