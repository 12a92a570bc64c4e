using RlGym.Core.Vector;

namespace RlGym.Core.Tests.Vector;

public sealed class ChunkedLoopTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Run_ManyTimes_CallsTheBodyOnceForEveryChunkPerRun(int chunks)
    {
        var counts = new int[chunks];
        using var loop = new ChunkedLoop(chunks, c => Interlocked.Increment(ref counts[c]));

        for (var run = 1; run <= 2000; run++)
        {
            loop.Run();

            Assert.All(counts, c => Assert.Equal(run, Volatile.Read(ref c)));
        }
    }

    [Fact]
    public void Run_BodyThrowsOnSomeChunk_RethrowsOnTheCallerAndStaysUsable()
    {
        var fail = true;
        using var loop = new ChunkedLoop(4, c =>
        {
            if (fail && c == 3)
            {
                throw new InvalidOperationException("chunk 3");
            }
        });

        var error = Assert.Throws<AggregateException>(loop.Run);
        Assert.Equal("chunk 3", error.InnerException!.Message);
        fail = false;
        loop.Run();
    }
}
