namespace RlGym.Server.Errors;

/// <summary>An authenticated caller asked for something its API key does not allow; PERMISSION_DENIED.</summary>
internal sealed class AccessDeniedException(string message) : Exception(message);
