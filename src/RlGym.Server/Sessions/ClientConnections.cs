using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Connections;

namespace RlGym.Server.Sessions;

/// <summary>
/// The open client connections of the gRPC endpoints, by Kestrel connection id. <see cref="Track"/> is connection
/// middleware (<c>ListenOptions.Use</c>) that sees each connection open and close; the service asks
/// <see cref="Of"/> which connection a call came on. Calls on an endpoint without the middleware (gRPC-Web, or an
/// in-process test server without real connections) come on no known connection, so their handles get no lease.
/// </summary>
internal sealed class ClientConnections(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ClientConnection> _open = new(StringComparer.Ordinal);

    /// <summary>Connection middleware: records the connection while <paramref name="next"/> serves it.</summary>
    public ConnectionDelegate Track(ConnectionDelegate next) => async context =>
    {
        var connection = new ClientConnection(context.ConnectionId);
        _open[connection.Id] = connection;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            _open.TryRemove(new KeyValuePair<string, ClientConnection>(connection.Id, connection));
            connection.Close(time.GetUtcNow());
        }
    };

    /// <summary>The open connection <paramref name="context"/>'s call came on; null when it is not tracked.</summary>
    public ClientConnection? Of(ServerCallContext context) =>
        context.GetHttpContext().Connection.Id is { } id && _open.TryGetValue(id, out var connection) ? connection : null;
}
