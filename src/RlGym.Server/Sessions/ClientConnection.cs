namespace RlGym.Server.Sessions;

/// <summary>
/// One client connection to a gRPC endpoint (see <see cref="ClientConnections"/>): the owner of the handles it last
/// used, which outlive it by <see cref="RlGymServerOptions.HandleLease"/>.
/// </summary>
internal sealed class ClientConnection(string id)
{
    private long _closedTicks = -1;

    /// <summary>Kestrel's connection id, as <c>HttpContext.Connection.Id</c> reports it to the service.</summary>
    public string Id { get; } = id;

    /// <summary>When the connection closed; null while it is open.</summary>
    public DateTimeOffset? ClosedAt => Interlocked.Read(ref _closedTicks) is >= 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Marks the connection closed at <paramref name="now"/>.</summary>
    public void Close(DateTimeOffset now) => Interlocked.Exchange(ref _closedTicks, now.UtcTicks);
}
