using Grpc.Core;
using Grpc.Net.Client;
using Polly;
using Polly.Retry;
using RlGym.Protocol.V1;

namespace RlGym.Client.Transport;

/// <summary>
/// What <see cref="RemoteEnv"/> and <see cref="RemoteVectorEnv"/> share: the channel (owned or borrowed), the
/// transport, the retry pipeline, error translation, the per-handle sequence numbers and closing the handle.
/// </summary>
internal sealed class RemoteConnection : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;
    private readonly ResiliencePipeline _pipeline;
    private bool _closed;

    private RemoteConnection(GrpcChannel? ownedChannel, IRemoteTransport transport, ResiliencePipeline pipeline)
    {
        _ownedChannel = ownedChannel;
        Transport = transport;
        _pipeline = pipeline;
    }

    /// <summary>The transport (unary calls or the Session stream).</summary>
    public IRemoteTransport Transport { get; }

    /// <summary>The handle the server returned at creation.</summary>
    public string Handle { get; private set; } = "";

    /// <summary>The sequence number of the last reset or step the server applied or may have applied (0 before the first).</summary>
    public ulong Sequence { get; private set; }

    /// <summary>Whether <see cref="Close"/> ran.</summary>
    public bool IsClosed => _closed;

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
            var connection = new RemoteConnection(ownedChannel, transport, BuildPipeline(options.Retry));
            var created = connection.Call(static (t, r) => t.Create(r), request, RemoteErrors.Operation.Create);
            connection.Handle = created.Handle;
            return (connection, created);
        }
        catch
        {
            transport?.Dispose();
            ownedChannel?.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/> with retries; failures become the exceptions of <see cref="RemoteErrors"/>.</summary>
    public TResponse Call<TRequest, TResponse>(Func<IRemoteTransport, TRequest, TResponse> send, TRequest request, RemoteErrors.Operation operation)
    {
        try
        {
            return _pipeline.Execute(static state => state.send(state.Transport, state.request), (send, Transport, request));
        }
        catch (RpcException e)
        {
            throw RemoteErrors.Translate(e, operation);
        }
    }

    /// <summary>
    /// Sends a sequenced request (reset or step) carrying <paramref name="sequence"/>; the number is used up once the
    /// server applied it or may have (no answer), and stays free when the server rejected the request.
    /// </summary>
    public TResponse CallSequenced<TRequest, TResponse>(
        Func<IRemoteTransport, TRequest, TResponse> send,
        TRequest request,
        ulong sequence,
        RemoteErrors.Operation operation)
    {
        try
        {
            var response = Call(send, request, operation);
            Sequence = sequence;
            return response;
        }
        catch (RemoteEnvException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            // Unanswered: the server may have applied it, so its number is used up. Reusing it for a different
            // request would silently return this one's stored result; skipping it makes a gap the server reports.
            Sequence = sequence;
            throw;
        }

        // Any other failure is the server rejecting the request without applying it: the number stays free.
    }

    /// <summary>
    /// Closes the handle on the server and ends the transport. Calling it again does nothing; a handle the server no
    /// longer knows (or a server that is gone) counts as closed.
    /// </summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            Call(static (t, r) => t.Close(r), new CloseEnvironmentRequest { Handle = Handle }, RemoteErrors.Operation.Close);
        }
        catch (Exception e) when (e is KeyNotFoundException or RemoteEnvException { StatusCode: StatusCode.Unavailable })
        {
            // Already gone on the server: the state Close asks for.
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

    private static ResiliencePipeline BuildPipeline(RetryOptions retry)
    {
        if (retry.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(RemoteErrors.IsTransient),
                MaxRetryAttempts = retry.MaxRetries,
                Delay = retry.Backoff,
                MaxDelay = retry.MaxBackoff,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }
}
