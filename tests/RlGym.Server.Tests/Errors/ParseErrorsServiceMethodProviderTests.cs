using Grpc.Core;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Server.Tests.Errors;

/// <summary>Requests that do not parse, sent as raw bytes over a real channel: INVALID_ARGUMENT, never UNKNOWN or CANCELLED.</summary>
public class ParseErrorsServiceMethodProviderTests
{
    private const string Service = "rlgym.v1.Environments";

    /// <summary>A tag followed by a varint that never ends: no protobuf message parses from it.</summary>
    private static readonly byte[] Garbage = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    public static TheoryData<string> UnaryMethods() =>
        ["ListEnvironments", "DescribeEnvironment", "CreateEnvironment", "Reset", "Step", "Render", "CloseEnvironment"];

    [Theory]
    [MemberData(nameof(UnaryMethods))]
    public async Task UnaryCall_UnparsableBytes_IsInvalidArgument(string name)
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var invoker = server.CreateChannel().CreateCallInvoker();
        var method = new Method<byte[], byte[]>(MethodType.Unary, Service, name, Raw, Raw);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), Garbage));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("is not a valid", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(server.LoggedErrors);
    }

    [Fact]
    public async Task SessionStream_UnparsableBytes_IsInvalidArgument()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var invoker = server.CreateChannel().CreateCallInvoker();
        var method = new Method<byte[], byte[]>(MethodType.DuplexStreaming, Service, "Session", Raw, Raw);
        using var call = invoker.AsyncDuplexStreamingCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)));

        await call.RequestStream.WriteAsync(Garbage);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(server.LoggedErrors);
    }

    [Fact]
    public async Task CreateEnvironment_KwargNestedPastProtobufsRecursionLimit_IsInvalidArgument()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var client = server.CreateClient();
        var request = new CreateEnvironmentRequest { EnvId = TestEnvironments.CorridorId, Kwargs = { ["length"] = Nested(60) } };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateEnvironmentAsync(request));
        using var session = client.Session();
        await session.RequestStream.WriteAsync(new SessionRequest { RequestId = 1, Create = request });
        var streamError = await Assert.ThrowsAsync<RpcException>(() => session.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, streamError.StatusCode);
    }

    [Fact]
    public async Task HealthCheck_UnparsableBytes_IsInvalidArgument()
    {
        await using var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry());
        var invoker = server.CreateChannel().CreateCallInvoker();
        var method = new Method<byte[], byte[]>(MethodType.Unary, "grpc.health.v1.Health", "Check", Raw, Raw);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), Garbage));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    /// <summary>A list inside a list ... <paramref name="depth"/> times: two protobuf message levels per list.</summary>
    internal static Value Nested(int depth)
    {
        var value = new Value { IntValue = 1 };
        for (var i = 0; i < depth; i++)
        {
            value = new Value { List = new ListValue { Items = { value } } };
        }

        return value;
    }
}
