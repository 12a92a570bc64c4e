using System.Runtime.ExceptionServices;
using Grpc.Core;
using RlGym.Protocol.V1;

namespace RlGym.Client.Transport;

/// <summary>
/// Requests on one bidirectional <c>Session</c> stream, lock-step: write a request, read its answer. The stream is
/// opened on first use; a failed request ends it (the server closes it with the request's status), and the next
/// request opens a new one, since handles outlive streams.
/// </summary>
internal sealed class SessionTransport(CallInvoker invoker, Metadata? headers, TimeSpan? deadline) : IRemoteTransport
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    private readonly Environments.EnvironmentsClient _client = new(invoker);

    // Reused for every request: lock-step means the previous request was fully written before the next is built.
    private readonly SessionRequest _request = new();
    private AsyncDuplexStreamingCall<SessionRequest, SessionResponse>? _call;
    private readonly CallDeadline _deadline = new(deadline);
    private ulong _lastRequestId;

    public CreateEnvironmentResponse Create(CreateEnvironmentRequest request)
    {
        _request.Create = request;
        return Exchange(SessionResponse.ResponseOneofCase.Create).Create;
    }

    public ResetResponse Reset(ResetRequest request)
    {
        _request.Reset = request;
        return Exchange(SessionResponse.ResponseOneofCase.Reset).Reset;
    }

    public StepResponse Step(StepRequest request)
    {
        _request.Step = request;
        return Exchange(SessionResponse.ResponseOneofCase.Step).Step;
    }

    public RenderResponse Render(RenderRequest request)
    {
        _request.Render = request;
        return Exchange(SessionResponse.ResponseOneofCase.Render).Render;
    }

    public CloseEnvironmentResponse Close(CloseEnvironmentRequest request)
    {
        _request.Close = request;
        return Exchange(SessionResponse.ResponseOneofCase.Close).Close;
    }

    /// <summary>Ends the stream as the server expects (half-close, then read the end), or cancels it if that stalls.</summary>
    public void Dispose()
    {
        if (_call is { } call)
        {
            _call = null;
            try
            {
                var ended = EndAsync(call);
                ended.Wait(CloseWait);
            }
            catch (Exception e) when (e is RpcException or AggregateException or InvalidOperationException or OperationCanceledException)
            {
                // The stream already failed or the server went away: nothing is left to end gracefully.
            }
            finally
            {
                call.Dispose();
            }
        }

        _deadline.Dispose();
    }

    /// <summary>Drops the current stream without a graceful end (tests use it to simulate a lost connection).</summary>
    internal void AbortStream()
    {
        var call = _call;
        _call = null;
        call?.Dispose();
    }

    private static async Task EndAsync(AsyncDuplexStreamingCall<SessionRequest, SessionResponse> call)
    {
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            // Lock-step leaves nothing unread; drain defensively until the server ends the stream.
        }
    }

    /// <summary>
    /// Whether an answer arrived for a request whose write failed. A failed write ends the call, so the read completes;
    /// <see cref="CloseWait"/> bounds the wait in case a failure ever does not.
    /// </summary>
    private static async Task<bool> AnsweredAnywayAsync(Task<bool> answered)
    {
        try
        {
            return await answered.WaitAsync(CloseWait).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or TimeoutException or IOException or HttpRequestException)
        {
            return false;
        }
    }

    private SessionResponse Exchange(SessionResponse.ResponseOneofCase expected)
    {
        var pending = ExchangeAsync(expected);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    private async ValueTask<SessionResponse> ExchangeAsync(SessionResponse.ResponseOneofCase expected)
    {
        var call = _call ??= _client.Session(new CallOptions(headers));
        var requestId = ++_lastRequestId;
        _request.RequestId = requestId;
        var token = _deadline.Arm();
        try
        {
            // Start reading before the write completes: the HTTP/2 writer loop confirms the write on another thread,
            // and waiting for that confirmation before asking for the answer would put a thread hop on every step.
            var written = call.RequestStream.WriteAsync(_request, token);
            var answered = call.ResponseStream.MoveNext(token);
            Exception? writeFailure = null;
            try
            {
                await written.ConfigureAwait(false);
            }
            catch (Exception e) when (!_deadline.Expired)
            {
                writeFailure = e;
            }

            // The server may read the request, answer it and end the stream (the shutdown drain does once the last
            // handle closes) before this side's flush is confirmed: the stream's end fails that flush (CANCELLED, or an
            // I/O error), yet the answer arrived and must not be lost.
            if (writeFailure is not null && !await AnsweredAnywayAsync(answered).ConfigureAwait(false))
            {
                ExceptionDispatchInfo.Throw(writeFailure);
            }

            if (!await answered.ConfigureAwait(false))
            {
                // The server ends a stream without a status only when it is going away: a transient failure.
                throw new RpcException(new Status(StatusCode.Unavailable, $"The session stream ended before request {requestId} was answered."));
            }

            var response = call.ResponseStream.Current;
            if (response.RequestId != requestId || response.ResponseCase != expected)
            {
                throw new RpcException(new Status(
                    StatusCode.Internal,
                    $"The server answered request {response.RequestId} ({response.ResponseCase}) while request {requestId} ({expected}) was expected."));
            }

            _deadline.Disarm();
            return response;
        }
        catch (Exception e) when (_deadline.Expired && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            AbortStream();
            throw _deadline.Exceeded(expected.ToString());
        }
        catch (RpcException e) when (RemoteErrors.IsConnectionLoss(e))
        {
            AbortStream();
            throw RemoteErrors.ConnectionLost($"request {requestId}", e.Status.DebugException!);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // A connection that dies under a stream write surfaces as an I/O error, not a status.
            AbortStream();
            throw RemoteErrors.ConnectionLost($"request {requestId}", e);
        }
        catch
        {
            AbortStream();
            throw;
        }
    }
}
