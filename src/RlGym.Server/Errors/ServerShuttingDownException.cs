namespace RlGym.Server.Errors;

/// <summary>The server is draining before it stops and accepts no new environments; answered with UNAVAILABLE.</summary>
internal sealed class ServerShuttingDownException(string message) : InvalidOperationException(message);
