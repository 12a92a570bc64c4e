namespace RlGym.Server.Errors;

/// <summary>A call without an API key, or with one the server does not accept; UNAUTHENTICATED.</summary>
internal sealed class AuthenticationRequiredException(string message) : Exception(message);
