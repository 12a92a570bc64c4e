namespace RlGym.Client.Transport;

/// <summary>
/// No answer came on the shared-memory doorbell (the server closed it, died, or did not answer in time): the request's
/// fate is unknown, so it is re-sent over gRPC with the same sequence number.
/// </summary>
internal sealed class DoorbellLostException(string message, Exception? inner = null) : IOException(message, inner);
