namespace RlGym.Protocol.SharedMemory;

/// <summary>
/// The shared-memory doorbell's constants (AttachSharedMemory in environments.proto, docs/protocol.md "Shared memory
/// (same host)"), one source for the server and the clients.
/// </summary>
public static class SharedMemoryFrames
{
    /// <summary>Version of the layout and frames (AttachSharedMemoryResponse.version).</summary>
    public const uint Version = 1;

    /// <summary>Bytes of a doorbell request frame.</summary>
    public const int RequestBytes = 32;

    /// <summary>Bytes of a doorbell response header.</summary>
    public const int ResponseHeaderBytes = 16;

    /// <summary>Bytes of the attach token.</summary>
    public const int TokenBytes = 16;

    /// <summary>Doorbell op: step with the action in the segment.</summary>
    public const uint OpStep = 1;

    /// <summary>Doorbell op: reset without options.</summary>
    public const uint OpReset = 2;

    /// <summary>Doorbell op, asynchronous handles: send the actions in the segment (EnvPool's send).</summary>
    public const uint OpSend = 3;

    /// <summary>Doorbell op, asynchronous handles: receive the first batch_size copies that finished (EnvPool's recv).</summary>
    public const uint OpRecv = 4;
}
