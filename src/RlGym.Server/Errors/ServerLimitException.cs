namespace RlGym.Server.Errors;

/// <summary>A server limit was reached (the message names it and its value); answered with RESOURCE_EXHAUSTED.</summary>
internal sealed class ServerLimitException(string message) : InvalidOperationException(message);
