using System.Net.Sockets;
using Grpc.Net.Client;

namespace RlGym.Client.Transport;

/// <summary>Opens a channel for an address, with an HTTP handler tuned for many small lock-step messages.</summary>
internal static class ChannelFactory
{
    private const string UnixScheme = "unix://";

    public static GrpcChannel Create(RemoteEnvOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Several environments on one channel each hold a stream; let the pool open more connections
            // instead of queueing on one connection's stream limit.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            // Observations of batched environments are large; a big window avoids flow-control round trips.
            InitialHttp2StreamWindowSize = 4 * 1024 * 1024,
            UseProxy = false,
        };

        var address = options.Address;
        if (address.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            var socketPath = address[UnixScheme.Length..];
            if (socketPath.Length == 0)
            {
                throw new ArgumentException($"The address '{address}' names no socket path; use unix:///path/to.sock.", nameof(options));
            }

            var endpoint = new UnixDomainSocketEndPoint(socketPath);
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            address = "http://localhost";
        }
        else if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"The address '{address}' is not valid; use http://HOST:PORT, https://HOST:PORT or unix:///path/to.sock.", nameof(options));
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxReceiveMessageBytes,
            MaxSendMessageSize = options.MaxReceiveMessageBytes,

            // A channel that failed to connect fails calls at once until it tries again, after 1 s growing to 120 s by
            // default: far past a retry budget. Reconnect on the retries' own schedule instead.
            InitialReconnectBackoff = options.Retry.Backoff,
            MaxReconnectBackoff = options.Retry.MaxBackoff,
        });
    }
}
