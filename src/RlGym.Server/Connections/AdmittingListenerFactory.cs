using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace RlGym.Server.Connections;

/// <summary>
/// Kestrel's socket transport with <see cref="ConnectionGuard.MaxConnections"/> enforced where sockets are accepted.
/// Kestrel's accept loop hands each accepted socket to the thread pool and accepts the next at once, so a limit checked
/// in connection middleware comes too late: a burst of connects filled the descriptor table (511 of 512) before any
/// middleware ran, whatever the limit. Here the accept loop itself closes a socket past the limit before accepting the
/// next, so the process never holds more than the limit plus one. The metrics port is not counted: a scraper must still
/// get in when clients have used up the limit.
/// </summary>
internal sealed class AdmittingListenerFactory(SocketTransportFactory sockets, ConnectionGuard guard, IOptions<RlGymServerOptions> options)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => sockets.CanBind(endpoint);

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = await sockets.BindAsync(endpoint, cancellationToken).ConfigureAwait(false);
        return endpoint is IPEndPoint { Port: > 0 and var port } && port == options.Value.MetricsPort ? listener : new AdmittingListener(listener, guard);
    }

    private sealed class AdmittingListener(IConnectionListener inner, ConnectionGuard guard) : IConnectionListener
    {
        public EndPoint EndPoint => inner.EndPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                var connection = await inner.AcceptAsync(cancellationToken).ConfigureAwait(false);
                if (connection is null || guard.TryAdmit())
                {
                    return connection is null ? null : new AdmittedConnection(connection, guard);
                }

                connection.Abort(new ConnectionAbortedException("The server's connection limit is reached."));
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => inner.UnbindAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>An accepted connection that gives its place back to the guard once Kestrel disposes it.</summary>
    private sealed class AdmittedConnection(ConnectionContext inner, ConnectionGuard guard) : ConnectionContext
    {
        private int _released;

        public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }

        public override IFeatureCollection Features => inner.Features;

        public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }

        public override System.IO.Pipelines.IDuplexPipe Transport { get => inner.Transport; set => inner.Transport = value; }

        public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }

        public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

        public override CancellationToken ConnectionClosed { get => inner.ConnectionClosed; set => inner.ConnectionClosed = value; }

        public override void Abort() => inner.Abort();

        public override void Abort(ConnectionAbortedException abortReason) => inner.Abort(abortReason);

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    guard.Release();
                }
            }
        }
    }
}
