namespace RlGym.Core.Vector;

/// <summary>
/// Runs a body over chunk indices 0..count-1 on the calling thread and up to (cores - 1) thread-pool helpers, for
/// the batched variants' step. Cheaper than <see cref="Parallel.For(int, int, Action{int})"/> for steps of tens of
/// microseconds: no allocation per run, helpers claim chunks from a shared counter, and the caller never waits for a
/// helper that has not started: when the pool is busy (a loaded machine, a server's request threads) the caller
/// simply steps every chunk itself. It waits only for chunks a helper has already claimed.
/// </summary>
/// <remarks>Not re-entrant: one <see cref="Run"/> at a time per instance (a vector environment is stepped by one caller at a time).</remarks>
internal sealed class ChunkedLoop : IThreadPoolWorkItem, IDisposable
{
    private readonly Action<int> _body;
    private readonly int _count;
    private readonly int _helpers;
    private readonly ManualResetEventSlim _done = new(false, spinCount: 200);
    private int _next;
    private int _pending;
    private Exception? _error;

    /// <summary>A loop over <paramref name="count"/> chunks calling <paramref name="body"/> with each index once per run.</summary>
    public ChunkedLoop(int count, Action<int> body)
    {
        _body = body;
        _count = count;
        _helpers = Math.Min(count, Environment.ProcessorCount) - 1;
        _next = count;
    }

    /// <summary>Calls the body once for every chunk index and returns when all calls have finished.</summary>
    public void Run()
    {
        if (_count == 1)
        {
            _body(0);
            return;
        }

        _error = null;
        _done.Reset();
        Volatile.Write(ref _pending, _count);
        Volatile.Write(ref _next, 0);
        for (var h = 0; h < _helpers; h++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        Work();
        if (Volatile.Read(ref _pending) != 0)
        {
            _done.Wait();
        }

        if (_error is { } error)
        {
            throw new AggregateException(error);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _done.Dispose();

    void IThreadPoolWorkItem.Execute() => Work();

    private void Work()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < _count)
        {
            try
            {
                _body(chunk);
            }
#pragma warning disable CA1031 // Rethrown on the caller's thread by Run.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _error = e;
            }

            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _done.Set();
            }
        }
    }
}
