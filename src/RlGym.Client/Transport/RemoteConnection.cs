using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using RlGym.Protocol.V1;

namespace RlGym.Client.Transport;

/// <summary>
/// What <see cref="RemoteEnv"/> and <see cref="RemoteVectorEnv"/> share: the channel (owned or borrowed), the
/// transport, retries, error translation, the per-handle sequence numbers and closing the handle.
/// </summary>
/// <remarks>
/// A reset or step the retries gave up on (no answer within <see cref="RetryOptions.Budget"/>) is kept as pending with
/// its number: the server may have applied it. <see cref="NextSequence"/> re-sends it before the next reset or step gets
/// a number, so the numbers never leave a gap and the environment never wedges on FAILED_PRECONDITION.
/// </remarks>
internal sealed class RemoteConnection : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;
    private readonly Retrier _retrier;
    private PendingRequest? _pending;
    private bool _closed;

    private RemoteConnection(GrpcChannel? ownedChannel, IRemoteTransport transport, Retrier retrier)
    {
        _ownedChannel = ownedChannel;
        Transport = transport;
        _retrier = retrier;
    }

    /// <summary>The transport (unary calls or the Session stream).</summary>
    public IRemoteTransport Transport { get; }

    /// <summary>The handle the server returned at creation.</summary>
    public string Handle { get; private set; } = "";

    /// <summary>The sequence number of the last reset or step the server applied or may have applied (0 before the first).</summary>
    public ulong Sequence { get; private set; }

    /// <summary>
    /// How long <see cref="Close"/> re-sends its request at most (the retry budget when that is shorter): a server that
    /// stays unreachable frees the handle after its lease anyway, and disposing an environment should not hold a program
    /// for the whole retry budget.
    /// </summary>
    public static readonly TimeSpan CloseBudget = TimeSpan.FromSeconds(5);

    /// <summary>Whether <see cref="Close"/> ran.</summary>
    public bool IsClosed => _closed;

    /// <summary>Whether a reset or step is pending: unanswered when its retries gave up, re-sent before the next.</summary>
    public bool HasPending => _pending is not null;

    /// <summary>Re-sends so far after failures without an answer (tests and diagnostics).</summary>
    public long Retries => _retrier.Retries;

    /// <summary>Connects as <paramref name="options"/> say and creates the environment <paramref name="request"/> describes.</summary>
    public static (RemoteConnection Connection, CreateEnvironmentResponse Created) Open(RemoteEnvOptions? options, CreateEnvironmentRequest request)
    {
        options ??= new RemoteEnvOptions();
        var ownedChannel = options.Channel is null ? ChannelFactory.Create(options) : null;
        var channel = options.Channel ?? ownedChannel!;
        IRemoteTransport? transport = null;
        try
        {
            var headers = options.ApiKey is { } key ? new Metadata { { options.ApiKeyHeader, key } } : null;
            var invoker = channel.CreateCallInvoker();
            transport = options.Transport switch
            {
                RemoteTransport.Unary => new UnaryTransport(invoker, headers, options.Deadline),
                _ => new SessionTransport(invoker, headers, options.Deadline),
            };
            var connection = new RemoteConnection(ownedChannel, transport, new Retrier(options.Retry, TimeProvider.System, Random.Shared));
            var created = connection.Call(static (t, r) => t.Create(r), request, RemoteErrors.Operation.Create);
            connection.Handle = created.Handle;
            if (WantsSharedMemory(options))
            {
                try
                {
                    connection.SharedMemory = Attach(options, invoker, headers, connection.Handle);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }

            return (connection, created);
        }
        catch
        {
            transport?.Dispose();
            ownedChannel?.Dispose();
            throw;
        }
    }

    /// <summary>The attached shared-memory segment and doorbell, or null while requests go over gRPC.</summary>
    public SharedMemoryChannel? SharedMemory { get; private set; }

    /// <summary>Whether <paramref name="options"/> ask for shared memory (Auto: only for <c>unix://</c> addresses on Linux).</summary>
    private static bool WantsSharedMemory(RemoteEnvOptions options) =>
        options.Transport == RemoteTransport.Shm
        || (options.Transport == RemoteTransport.Auto && SharedMemoryChannel.IsSupported && options.Channel is null
            && options.Address.StartsWith("unix:", StringComparison.Ordinal));

    /// <summary>
    /// Attaches <paramref name="handle"/>'s shared memory; null where it cannot be for Auto (gRPC goes on), an error for
    /// Shm: <see cref="RemoteEnvException"/> UNIMPLEMENTED off Linux or for spaces without a layout, UNAVAILABLE when
    /// the doorbell cannot be reached (another host or user).
    /// </summary>
    private static SharedMemoryChannel? Attach(RemoteEnvOptions options, CallInvoker invoker, Metadata? headers, string handle)
    {
        var forced = options.Transport == RemoteTransport.Shm;
        if (!SharedMemoryChannel.IsSupported)
        {
            return forced
                ? throw new RemoteEnvException(StatusCode.Unimplemented, "Transport Shm needs Linux (abstract Unix sockets and SCM_RIGHTS); use Stream.")
                : null;
        }

        AttachSharedMemoryResponse response;
        try
        {
            using var unary = new UnaryTransport(invoker, headers, options.Deadline);
            response = unary.AttachSharedMemory(new AttachSharedMemoryRequest { Handle = handle });
        }
        catch (RpcException e) when (!forced && e.StatusCode == StatusCode.Unimplemented)
        {
            return null;
        }
        catch (RpcException e)
        {
            throw RemoteErrors.Translate(e, RemoteErrors.Operation.Attach);
        }

        try
        {
            return SharedMemoryChannel.Open(response, options.Deadline);
        }
        catch (IOException) when (!forced)
        {
            return null;
        }
        catch (IOException e)
        {
            throw new RemoteEnvException(
                StatusCode.Unavailable,
                $"Cannot attach shared memory to the RlGym server at {options.Address}: {e.Message} (it must run on this host, as this user; use Transport Stream otherwise).",
                e);
        }
    }

    /// <summary>
    /// Sends a reset or step with <paramref name="sequence"/> (from <see cref="NextSequence"/>) on the doorbell: the info
    /// payload once answered (the results are in <see cref="SharedMemory"/>'s blocks). Null when the doorbell was lost
    /// (its fate unknown): the segment is dropped and the caller re-sends the same request over gRPC with the same number
    /// (<see cref="CallSequenced"/>), where it stays. An error status throws as the RPC's would, the number left free.
    /// </summary>
    public byte[]? Ring(uint op, ulong sequence, ulong? seed, RemoteErrors.Operation operation)
    {
        var channel = SharedMemory!;
        try
        {
            var payload = channel.Ring(op, sequence, seed).ToArray();
            Sequence = sequence;
            return payload;
        }
        catch (RpcException e)
        {
            throw RemoteErrors.Translate(e, operation);
        }
        catch (DoorbellLostException)
        {
            DropSharedMemory();
            return null;
        }
    }

    /// <summary>Closes the doorbell and unmaps the segment; requests go over gRPC from now on.</summary>
    private void DropSharedMemory()
    {
        var channel = SharedMemory;
        SharedMemory = null;
        channel?.Dispose();
    }

    /// <summary>
    /// Connects as <paramref name="options"/> say and describes <paramref name="id"/> with one unary call (re-sent while
    /// unanswered, within the retry budget); no handle is made.
    /// </summary>
    public static EnvironmentDescription Describe(RemoteEnvOptions? options, string id)
    {
        options ??= new RemoteEnvOptions();
        var ownedChannel = options.Channel is null ? ChannelFactory.Create(options) : null;
        try
        {
            var headers = options.ApiKey is { } key ? new Metadata { { options.ApiKeyHeader, key } } : null;
            using var transport = new UnaryTransport((options.Channel ?? ownedChannel!).CreateCallInvoker(), headers, options.Deadline);
            var retrier = new Retrier(options.Retry, TimeProvider.System, Random.Shared);
            return retrier.Run(static state => state.transport.Describe(state.request), (transport, request: new DescribeEnvironmentRequest { EnvId = id }));
        }
        catch (RpcException e)
        {
            throw RemoteErrors.Translate(e, RemoteErrors.Operation.Describe);
        }
        finally
        {
            ownedChannel?.Dispose();
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> with retries (within <paramref name="budget"/> when that is shorter than the retry
    /// budget); failures become the exceptions of <see cref="RemoteErrors"/>.
    /// </summary>
    public TResponse Call<TRequest, TResponse>(
        Func<IRemoteTransport, TRequest, TResponse> send, TRequest request, RemoteErrors.Operation operation, TimeSpan? budget = null)
    {
        try
        {
            return Send(send, request, budget);
        }
        catch (RpcException e)
        {
            throw RemoteErrors.Translate(e, operation);
        }
    }

    /// <summary>
    /// The number for the next reset or step: first re-sends a pending one (within a fresh budget) and discards its
    /// answer. If the server rejects the pending request it was never applied, and its number is the next again.
    /// </summary>
    /// <exception cref="RemoteEnvException">The pending request is still unanswered (it stays pending).</exception>
    public ulong NextSequence()
    {
        if (_pending is { } pending)
        {
            try
            {
                pending.Resend(this);
                _pending = null;
            }
            catch (RpcException e) when (RemoteErrors.IsUnanswered(e))
            {
                throw RemoteErrors.Translate(e, pending.Operation);
            }
            catch (RpcException)
            {
                // Rejected (e.g. the action was invalid, or the handle is gone): not applied, so the number is free.
                // The next request reports a handle that is gone itself.
                _pending = null;
                Sequence = pending.Sequence - 1;
            }
        }

        return Sequence + 1;
    }

    /// <summary>
    /// Sends a sequenced request (reset or step) carrying <paramref name="sequence"/> (from <see cref="NextSequence"/>)
    /// with retries; the number is used up once the server answered, stays pending when no answer came within the
    /// budget, and stays free when the server rejected the request.
    /// </summary>
    public TResponse CallSequenced<TRequest, TResponse>(
        Func<IRemoteTransport, TRequest, TResponse> send,
        TRequest request,
        ulong sequence,
        RemoteErrors.Operation operation)
        where TRequest : IMessage<TRequest>
    {
        try
        {
            var response = Send(send, request);
            Sequence = sequence;
            return response;
        }
        catch (RpcException e) when (RemoteErrors.IsUnanswered(e))
        {
            // Unanswered: the server may have applied it. Reusing its number for a different request would silently
            // return this one's stored result, and skipping it makes a gap, so it is re-sent before the next request.
            // A copy, since callers reuse their request objects.
            var copy = request.Clone();
            _pending = new PendingRequest(connection => connection.Send(send, copy), sequence, operation);
            Sequence = sequence;
            throw RemoteErrors.Translate(e, operation);
        }
        catch (RpcException e)
        {
            // The server rejected the request without applying it: the number stays free.
            throw RemoteErrors.Translate(e, operation);
        }
    }

    /// <summary>
    /// Closes the handle on the server and ends the transport. Calling it again does nothing; a handle the server no
    /// longer knows (or a server that stays unreachable for <see cref="CloseBudget"/>) counts as closed.
    /// </summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _pending = null;
        DropSharedMemory();
        try
        {
            Call(static (t, r) => t.Close(r), new CloseEnvironmentRequest { Handle = Handle }, RemoteErrors.Operation.Close, CloseBudget);
        }
        catch (Exception e) when (e is KeyNotFoundException or RemoteEnvException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded })
        {
            // Already gone on the server (or closed by an attempt whose answer was lost), or the server stayed
            // unreachable for CloseBudget and frees the handle itself after its lease: the state Close asks for.
        }
        finally
        {
            Transport.Dispose();
        }
    }

    /// <summary>Closes the handle and disposes the channel if this connection opened it.</summary>
    public void Dispose()
    {
        try
        {
            Close();
        }
        finally
        {
            _ownedChannel?.Dispose();
        }
    }

    /// <summary>Sends <paramref name="request"/>, re-sending it while no answer comes, within the budget.</summary>
    private TResponse Send<TRequest, TResponse>(Func<IRemoteTransport, TRequest, TResponse> send, TRequest request, TimeSpan? budget = null) =>
        _retrier.Run(static state => state.send(state.Transport, state.request), (send, Transport, request), budget);

    /// <summary>A reset or step left unanswered when its retries gave up.</summary>
    private sealed record PendingRequest(Action<RemoteConnection> Resend, ulong Sequence, RemoteErrors.Operation Operation);
}
