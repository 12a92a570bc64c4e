namespace RlGym.Server.Errors;

/// <summary>The requested backend (e.g. GPU) is not available on this server; FAILED_PRECONDITION.</summary>
internal sealed class BackendUnavailableException(string message) : Exception(message);
