using System.Net;
using Grpc.Net.Client;
using RlGym.Client.Transport;
using RlGym.Environments;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Server;

namespace RlGym.Client.Tests.Transport;

/// <summary>The Session stream transport against a real server, where the stream's end races a request's write.</summary>
public class SessionTransportTests
{
    [Fact]
    public async Task Close_LastHandleWhileDrainingAndTheWriteFailsAfterTheServerReadIt_ReturnsTheServersAnswer()
    {
        // Closing the last handle of a draining server ends the stream right after its answer, and the server resets
        // the stream's request side. A flush of the close not yet confirmed then fails (as under load), though the
        // server read it: the answer must win, or the client re-sends a close the server already applied, for its
        // whole retry budget once the server is gone.
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(60));
        var lateFlush = new LateFlushHandler();
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = lateFlush });
        using var transport = new SessionTransport(channel.CreateCallInvoker(), headers: null, deadline: TimeSpan.FromSeconds(30));
        var handle = transport.Create(new CreateEnvironmentRequest { EnvId = "CartPole-v1" }).Handle;

        var stopping = server.App.StopAsync();
        await server.WaitUntilNotServingAsync();
        lateFlush.FailAfter = TimeSpan.FromMilliseconds(500);
        var answer = transport.Close(new CloseEnvironmentRequest { Handle = handle });
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(answer);
        Assert.Equal(1, lateFlush.FailedWrites);
    }

    /// <summary>Sends every request body at once; once <see cref="FailAfter"/> is set, each flush then fails.</summary>
    private sealed class LateFlushHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _failedWrites;

        /// <summary>When set, each write reaches the server, then fails after this long, as when the server reset the stream.</summary>
        public TimeSpan? FailAfter { get; set; }

        public int FailedWrites => Volatile.Read(ref _failedWrites);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                request.Content = new LateFlushContent(content, this);
            }

            return base.SendAsync(request, cancellationToken);
        }

        private sealed class LateFlushContent : HttpContent
        {
            private readonly HttpContent _inner;
            private readonly LateFlushHandler _owner;

            public LateFlushContent(HttpContent inner, LateFlushHandler owner)
            {
                _inner = inner;
                _owner = owner;
                foreach (var header in inner.Headers)
                {
                    Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
                _inner.CopyToAsync(new LateFlushStream(stream, _owner));

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }
        }

        private sealed class LateFlushStream(Stream inner, LateFlushHandler owner) : Stream
        {
            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                inner.WriteAsync(buffer, offset, count, cancellationToken);

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
                inner.WriteAsync(buffer, cancellationToken);

            public override void Flush() => inner.Flush();

            public override async Task FlushAsync(CancellationToken cancellationToken)
            {
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (owner.FailAfter is { } delay)
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref owner._failedWrites);
                    throw new IOException("The request was aborted: the server reset the stream after its response.");
                }
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
