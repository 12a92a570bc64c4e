namespace RlGym.Server.Errors;

/// <summary>A handle that was never created, was closed, or expired; answered with NOT_FOUND.</summary>
internal sealed class UnknownHandleException(string message) : KeyNotFoundException(message);
