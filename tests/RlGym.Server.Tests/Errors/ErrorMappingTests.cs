using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using RlGym.Core;
using RlGym.Protocol.Conversions;
using RlGym.Server.Errors;

namespace RlGym.Server.Tests.Errors;

public class ErrorMappingTests
{
    public static TheoryData<Exception, StatusCode> Cases() => new()
    {
        { new UnknownEnvironmentException("No environment is registered as 'X'"), StatusCode.NotFound },
        { new UnknownHandleException("Unknown handle"), StatusCode.NotFound },
        { new InvalidActionException("Action 5 is not in Discrete(2)"), StatusCode.InvalidArgument },
        { new ProtocolException("bad tensor"), StatusCode.InvalidArgument },
        { new ArgumentException("bad kwarg"), StatusCode.InvalidArgument },
        { new ResetNeededException("Cannot call step before reset"), StatusCode.FailedPrecondition },
        { new SequenceMismatchException("expected 2"), StatusCode.FailedPrecondition },
        { new ServerLimitException("MaxHandles = 1"), StatusCode.ResourceExhausted },
        { new NotSupportedException("vector environments"), StatusCode.Unimplemented },
        { new RequestLimitException("kwargs decode to more than 4 MiB"), StatusCode.ResourceExhausted },
    };

    public static TheoryData<Exception> Faults() => new()
    {
        new InvalidOperationException("boom at RlGym.Server.Internal"),
        new NullReferenceException("Object reference not set to an instance of an object."),
        new TypeLoadException("Array of rank 33 in System.Private.CoreLib"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToRpcException_KnownExceptions_MapToTheProtocolsCodes(Exception exception, StatusCode expected)
    {
        var rpc = ErrorMapping.ToRpcException(exception, NullLogger.Instance, "/rlgym.v1.Environments/Step");

        Assert.Equal(expected, rpc.StatusCode);
        Assert.Equal(exception.Message, rpc.Status.Detail);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void ToRpcException_ServerFault_IsInternalWithAnErrorIdAndNoRuntimeDetails(Exception exception)
    {
        var rpc = ErrorMapping.ToRpcException(exception, NullLogger.Instance, "/rlgym.v1.Environments/Step");

        Assert.Equal(StatusCode.Internal, rpc.StatusCode);
        Assert.DoesNotContain(exception.Message, rpc.Status.Detail, StringComparison.Ordinal);
        Assert.Matches("error [0-9a-f]{12}", rpc.Status.Detail);
    }

    [Fact]
    public void ToRpcException_AggregateOfClientMistakes_IsTheirStatusWithTheFirstMessage()
    {
        var aggregate = new AggregateException(
            new ArgumentException("An option ({}) could not be converted to a float."),
            new AggregateException(new InvalidActionException("Action 5 is not in Discrete(2)")));

        var rpc = ErrorMapping.ToRpcException(aggregate, NullLogger.Instance, "/rlgym.v1.Environments/Reset");

        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal("An option ({}) could not be converted to a float.", rpc.Status.Detail);
    }

    [Fact]
    public void ToRpcException_AggregateWithAServerFault_IsInternal()
    {
        var aggregate = new AggregateException(new ArgumentException("bad option"), new InvalidOperationException("boom"));

        var rpc = ErrorMapping.ToRpcException(aggregate, NullLogger.Instance, "/rlgym.v1.Environments/Reset");

        Assert.Equal(StatusCode.Internal, rpc.StatusCode);
        Assert.Matches("error [0-9a-f]{12}", rpc.Status.Detail);
    }

    [Fact]
    public void ToRpcException_UnparsableMessage_IsInvalidArgumentNotCancelled()
    {
        var parseError = Assert.Throws<Google.Protobuf.InvalidProtocolBufferException>(() => Protocol.V1.Value.Parser.ParseFrom([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));

        var rpc = ErrorMapping.ToRpcException(parseError, NullLogger.Instance, "m");

        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
    }

    [Fact]
    public void ToRpcException_HugeMessage_DetailIsCutTo1024Characters()
    {
        var rpc = ErrorMapping.ToRpcException(new ArgumentException(new string('k', 100_000)), NullLogger.Instance, "m");
        var passedOn = ErrorMapping.ToRpcException(new RpcException(new Status(StatusCode.NotFound, new string('n', 100_000))), NullLogger.Instance, "m");

        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal(ErrorMapping.MaxDetailLength, rpc.Status.Detail.Length);
        Assert.EndsWith("…", rpc.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, passedOn.StatusCode);
        Assert.Equal(ErrorMapping.MaxDetailLength, passedOn.Status.Detail.Length);
    }

    [Fact]
    public void ToRpcException_CancelledCall_IsCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var rpc = ErrorMapping.ToRpcException(new OperationCanceledException(), NullLogger.Instance, "m", cancelled.Token);

        Assert.Equal(StatusCode.Cancelled, rpc.StatusCode);
    }

    [Fact]
    public void ToRpcException_IOExceptionAfterTheClientLeft_IsCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var rpc = ErrorMapping.ToRpcException(new IOException("The client reset the request stream."), NullLogger.Instance, "m", cancelled.Token);

        Assert.Equal(StatusCode.Cancelled, rpc.StatusCode);
    }
}
