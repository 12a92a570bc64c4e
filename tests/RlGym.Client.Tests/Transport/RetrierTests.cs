using Grpc.Core;
using RlGym.Client.Transport;

namespace RlGym.Client.Tests.Transport;

public sealed class RetrierTests
{
    private static readonly RetryOptions Defaults = new();

    [Fact]
    public void NextWait_Defaults_StartsAt50MsDoublesToOneSecondWithJitter()
    {
        var retrier = new Retrier(Defaults, TimeProvider.System, new Random(0));
        double[] ceilings = [50, 100, 200, 400, 800, 1000, 1000, 1000];

        for (var retry = 0; retry < ceilings.Length; retry++)
        {
            var wait = retrier.NextWait(retry, TimeSpan.Zero)!.Value.TotalMilliseconds;

            Assert.InRange(wait, ceilings[retry] / 2, ceilings[retry]);
        }
    }

    [Fact]
    public void NextWait_BudgetSpent_IsNullAndNeverWaitsPastTheBudget()
    {
        var retrier = new Retrier(Defaults, TimeProvider.System, new Random(0));

        Assert.Null(retrier.NextWait(3, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromMilliseconds(10), retrier.NextWait(10, TimeSpan.FromSeconds(29.99)));
    }

    [Fact]
    public void NextWait_None_NeverRetries()
    {
        var retrier = new Retrier(RetryOptions.None, TimeProvider.System, new Random(0));

        Assert.Null(retrier.NextWait(0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public void Run_Unanswered_ResendsUntilAnswered(StatusCode code)
    {
        var retrier = new Retrier(Defaults with { Backoff = TimeSpan.FromMilliseconds(1) }, TimeProvider.System, new Random(0));
        var attempts = 0;

        var answer = retrier.Run(_ => ++attempts < 3 ? throw new RpcException(new Status(code, "no answer")) : "answer", 0);

        Assert.Equal("answer", answer);
        Assert.Equal(3, attempts);
        Assert.Equal(2, retrier.Retries);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Unauthenticated)]
    public void Run_ServerAnsweredWithAnError_NeverResends(StatusCode code)
    {
        var retrier = new Retrier(Defaults, TimeProvider.System, new Random(0));
        var attempts = 0;

        var error = Assert.Throws<RpcException>(() => retrier.Run<int, string>(_ => ++attempts > 0 ? throw new RpcException(new Status(code, "rejected")) : "", 0));

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void Run_NeverAnswered_GivesUpAfterTheBudgetWithTheLastError()
    {
        var budget = TimeSpan.FromMilliseconds(200);
        var retrier = new Retrier(Defaults with { Budget = budget, Backoff = TimeSpan.FromMilliseconds(5) }, TimeProvider.System, new Random(0));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<RpcException>(() => retrier.Run<int, string>(_ => throw new RpcException(new Status(StatusCode.Unavailable, "down")), 0));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.InRange(clock.Elapsed, budget, budget * 10);
        Assert.True(retrier.Retries > 0);
    }
}
