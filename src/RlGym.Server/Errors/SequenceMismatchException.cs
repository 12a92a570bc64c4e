namespace RlGym.Server.Errors;

/// <summary>A sequence number that is neither the next one nor a repeat of the last; answered with FAILED_PRECONDITION.</summary>
internal sealed class SequenceMismatchException(string message) : InvalidOperationException(message);
