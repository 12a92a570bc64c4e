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
        { new InvalidOperationException("boom"), StatusCode.Internal },
        { new NullReferenceException("null"), StatusCode.Internal },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToRpcException_KnownExceptions_MapToTheProtocolsCodes(Exception exception, StatusCode expected)
    {
        var rpc = ErrorMapping.ToRpcException(exception, NullLogger.Instance, "/rlgym.v1.Environments/Step");

        Assert.Equal(expected, rpc.StatusCode);
        Assert.Equal(exception.Message, rpc.Status.Detail);
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
