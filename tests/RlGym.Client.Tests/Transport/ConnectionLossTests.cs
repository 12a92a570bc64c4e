using System.Net.Http;
using Grpc.Core;
using RlGym.Client.Transport;
using RlGym.Protocol.V1;

namespace RlGym.Client.Tests.Transport;

/// <summary>
/// Grpc.Net.Client reports a connection the server closed under a call as INTERNAL with the HTTP error inside (seen when
/// a draining server's GOAWAY races a stream's status). Both transports turn it into UNAVAILABLE, so retries and the
/// sequence numbers treat it as the lost connection it is.
/// </summary>
public class ConnectionLossTests
{
    private static readonly RpcException ClosedUnderTheCall = new(new Status(
        StatusCode.Internal,
        "Error reading next message. HttpProtocolException: The HTTP/2 server closed the connection.",
        new HttpProtocolException(0, "The HTTP/2 server closed the connection. HTTP/2 error code 'NO_ERROR' (0x0).", null)));

    [Fact]
    public void Step_SessionConnectionClosedUnderTheStream_ThrowsTransientUnavailableNamingTheCause()
    {
        using var transport = new SessionTransport(new FailingInvoker(ClosedUnderTheCall), headers: null, deadline: null);

        var error = Assert.Throws<RpcException>(() => transport.Step(new StepRequest { Handle = "h", Sequence = 1 }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("connection to the server was lost", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("closed the connection", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(RemoteErrors.IsUnanswered(error));
    }

    [Fact]
    public void Step_UnaryConnectionClosedUnderTheCall_ThrowsTransientUnavailable()
    {
        using var transport = new UnaryTransport(new FailingInvoker(ClosedUnderTheCall), headers: null, deadline: null);

        var error = Assert.Throws<RpcException>(() => transport.Step(new StepRequest { Handle = "h", Sequence = 1 }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.True(RemoteErrors.IsUnanswered(error));
    }

    [Fact]
    public void Step_ServerSentInternal_StaysInternal()
    {
        var serverError = new RpcException(new Status(StatusCode.Internal, "the environment threw"));
        using var transport = new UnaryTransport(new FailingInvoker(serverError), headers: null, deadline: null);

        var error = Assert.Throws<RpcException>(() => transport.Step(new StepRequest { Handle = "h", Sequence = 1 }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.False(RemoteErrors.IsUnanswered(error));
    }

    /// <summary>A call invoker whose every call fails with one exception, as a dead connection's calls do.</summary>
    private sealed class FailingInvoker(RpcException failure) : CallInvoker
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw failure;

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw failure;

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw failure;

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options) => throw failure;

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options) => new(
                new AcceptingWriter<TRequest>(),
                new FailingReader<TResponse>(failure),
                Task.FromResult(new Metadata()),
                () => failure.Status,
                () => [],
                () => { });
    }

    private sealed class AcceptingWriter<T> : IClientStreamWriter<T>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(T message) => Task.CompletedTask;

        public Task CompleteAsync() => Task.CompletedTask;
    }

    private sealed class FailingReader<T>(RpcException failure) : IAsyncStreamReader<T>
    {
        public T Current => throw new InvalidOperationException("no message was read");

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromException<bool>(failure);
    }
}
