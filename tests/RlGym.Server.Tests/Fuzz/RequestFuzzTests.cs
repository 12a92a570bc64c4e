using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RlGym.Environments;
using RlGym.Protocol.V1;
using RlGym.Server.Sessions;
using RlGym.TestSupport.Server;
using Xunit.Abstractions;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Server.Tests.Fuzz;

/// <summary>
/// Fuzzes the real server (built-in environments, Kestrel on a loopback port) with <see cref="RequestFuzzer"/>'s
/// requests, sent as raw bytes through a <see cref="CallInvoker"/> on every unary method and on Session streams from
/// four concurrent callers. Every answer must be OK or a documented client-error status (docs/protocol.md), never
/// INTERNAL, UNKNOWN, CANCELLED (on a call the test did not cancel) or DEADLINE_EXCEEDED (a hang: each call has
/// <see cref="CallDeadline"/>); the server must log no error. Afterwards it still answers health and a plain CartPole
/// create/reset/step, every handle the fuzzer opened is freed (closed, or ended by its lease once the fuzzer's channels
/// close), and over the second half of the requests the GC heap, after a full collection, grew by less than
/// <see cref="MaxSmallObjectGrowthBytes"/> in small objects and <see cref="MaxLargeObjectGrowthBytes"/> in large ones.
/// The seed (default <see cref="DefaultSeed"/>) and request count (default <see cref="DefaultRequests"/>) can be set
/// with RLGYM_FUZZ_SEED and RLGYM_FUZZ_REQUESTS; a failure prints the seed, the case number, the method, the status,
/// what was built and the first bytes sent (base64).
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class RequestFuzzTests(ITestOutputHelper output)
{
    private const string Service = "rlgym.v1.Environments";
    private const int DefaultSeed = 20_261_213;
    private const int DefaultRequests = 10_500;
    private const int Callers = 4;
    private const int PoolCapacity = 48;

    /// <summary>
    /// Bound on the growth of the small-object heap (generations 0 to 2, live bytes after a full compacting collection)
    /// over the second half: where anything kept per request piles up. Measured -1 to +7 MiB (with 10,500 to 126,000
    /// requests; what moves it is the handles the fuzzer holds open at that moment); 4.8 KB kept per unary request added
    /// 20 MiB.
    /// </summary>
    private const long MaxSmallObjectGrowthBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Bound on the growth of the large- and pinned-object heaps (live bytes) over the second half (measured +27 to +48
    /// MiB). They hold <c>ArrayPool&lt;byte&gt;.Shared</c>'s buffers, which fill over the whole run: Grpc.Net.Client
    /// rents one the size of each response it reads (renders of several copies take 1-8 MiB), and the pool keeps up to
    /// one per size per thread and 32 per size per core until a full collection finds them unused for 30-60 s. The pool
    /// levels off: here 34 MiB after 5,250 requests, 62 after 10,500, 145 after 31,500, 173 after 63,000 (another run:
    /// 124 after 63,000, 133 after 126,000); a fuzzing client in a process of its own stayed at 80-110 MiB from 15,750 to
    /// 63,000 requests, its server at 26-34 MiB; and 30 s idle with every handle closed took the heap from 143 MiB to 29.
    /// </summary>
    private const long MaxLargeObjectGrowthBytes = 96L * 1024 * 1024;

    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    // One Method object per name: a channel caches per-method state keyed by the object, so a new one per call grows it.
    private static readonly Method<byte[], byte[]> SessionMethod = new(MethodType.DuplexStreaming, Service, "Session", Raw, Raw);
    private static readonly ConcurrentDictionary<string, Method<byte[], byte[]>> UnaryMethods = new(StringComparer.Ordinal);

    /// <summary>The statuses docs/protocol.md documents for client mistakes and server limits (no API keys configured here).</summary>
    private static readonly HashSet<StatusCode> Documented =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition,
        StatusCode.ResourceExhausted, StatusCode.OutOfRange, StatusCode.Unimplemented,
    ];

    [Fact]
    public async Task EveryRpcAndSession_SeededRandomAndMalformedRequests_AnswerDocumentedStatusesAndServerStaysHealthy()
    {
        var seed = FromEnvironment("RLGYM_FUZZ_SEED", DefaultSeed);
        var total = FromEnvironment("RLGYM_FUZZ_REQUESTS", DefaultRequests);
        output.WriteLine($"seed {seed} (RLGYM_FUZZ_SEED), {total} requests (RLGYM_FUZZ_REQUESTS), {Callers} callers");
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), options =>
        {
            // Small limits, so random creates hit RESOURCE_EXHAUSTED quickly instead of building huge vector envs.
            options.MaxHandles = 256;
            options.MaxCopiesPerHandle = 4096;
            options.MaxTotalCopies = 16_384;
            options.MaxHandleMemoryBytes = 256L * 1024 * 1024;
            options.HandleLease = TimeSpan.FromSeconds(1);
        }, builder =>
        {
            // As `rlgym serve` does: ASP.NET Core's per-request Information entries would pile up in the test's log
            // collector (about 3 KiB a request) and be measured as heap growth.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        });
        var store = server.App.Services.GetRequiredService<HandleStore>();
        var setup = server.CreateClient();
        var catalog = (await setup.ListEnvironmentsAsync(new ListEnvironmentsRequest())).Environments.ToArray();
        var run = new FuzzRun(seed, total, catalog, () => store.Count);
        foreach (var request in StartingHandles())
        {
            var created = await setup.CreateEnvironmentAsync(request);
            await setup.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 0 });
            run.Pool.TryAdd(new FuzzHandle(created.Handle, created.NumEnvs, created.ActionSpace));
        }

        var heapBefore = HeapAfterFullCollection();
        var channels = Enumerable.Range(0, Callers).Select(_ => GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        })).ToArray();
        var stopwatch = Stopwatch.StartNew();

        // Two halves: the first warms up what is made once (JIT, caches, every env's static tables), the second must
        // not grow the heap much more. A leak grows with the requests; a one-time cost, or what tests that ran before in
        // this process leave to be collected, does not. Small and large objects are bounded apart: pooled message
        // buffers, all large, keep filling their pool during the second half (MaxLargeObjectGrowthBytes).
        run.Limit = total / 2;
        await Task.WhenAll(channels.Select(channel => Task.Run(() => run.CallerAsync(channel))));
        var heapMiddle = HeapAfterFullCollection();
        run.Limit = total;
        await Task.WhenAll(channels.Select(channel => Task.Run(() => run.CallerAsync(channel))));
        stopwatch.Stop();
        var heapEnd = HeapAfterFullCollection();
        var peakHandles = run.PeakHandles;
        foreach (var handle in run.Pool.Snapshot())
        {
            await CloseQuietlyAsync(setup, handle.Name);
        }

        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        output.WriteLine($"{run.Requests} requests in {stopwatch.Elapsed.TotalSeconds:F1} s ({run.Requests / stopwatch.Elapsed.TotalSeconds:F0}/s)");
        foreach (var line in run.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {line.Key}: {line.Value}");
        }

        if (!run.Failures.IsEmpty)
        {
            // Report the failing cases and what the server logged, rather than only the logged errors when the server is disposed.
            var logged = server.UnexpectedErrors();
            server.ExpectErrors(_ => true);
            Assert.Fail($"seed {seed}: {run.Failures.Count} failures; the first:{Environment.NewLine}{string.Join(Environment.NewLine, run.Failures.Take(10))}" +
                $"{Environment.NewLine}The server logged:{Environment.NewLine}{string.Join(Environment.NewLine, logged.Take(10))}");
        }

        Assert.True(run.Requests >= total);

        await AssertServesHealthAndCartPoleAsync(server);

        // Every handle freed: closed above, or (created on a stream the fuzzer cancelled) ended by its 1 s lease.
        var deadline = Stopwatch.StartNew();
        while (store.Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.MemoryInUse);
        var heapAfter = HeapAfterFullCollection();
        output.WriteLine($"handles open at most {peakHandles} (sampled; pool {PoolCapacity}, MaxHandles 256)");
        output.WriteLine($"GC heap, small objects: {Mib(heapBefore.Small)} before, {Mib(heapMiddle.Small)} after the first half, " +
            $"{Mib(heapEnd.Small)} after the second (bound: +{Mib(MaxSmallObjectGrowthBytes)}), {Mib(heapAfter.Small)} with every handle closed");
        output.WriteLine($"GC heap, large and pinned objects: {Mib(heapBefore.Large)} before, {Mib(heapMiddle.Large)} after the first half, " +
            $"{Mib(heapEnd.Large)} after the second (bound: +{Mib(MaxLargeObjectGrowthBytes)}), {Mib(heapAfter.Large)} with every handle closed");
        output.WriteLine($"{server.LoggedMessages.Count} log entries at Information or above");
        Assert.True(heapEnd.Small - heapMiddle.Small < MaxSmallObjectGrowthBytes,
            $"The small-object heap grew from {Mib(heapMiddle.Small)} to {Mib(heapEnd.Small)} in the second half");
        Assert.True(heapEnd.Large - heapMiddle.Large < MaxLargeObjectGrowthBytes,
            $"The large- and pinned-object heaps grew from {Mib(heapMiddle.Large)} to {Mib(heapEnd.Large)} in the second half");
        Assert.Empty(server.UnexpectedErrors());
    }

    /// <summary>Real handles the fuzzer starts with (reset once, so valid steps step): single and vector, every vectorization and action space kind built in.</summary>
    private static IEnumerable<CreateEnvironmentRequest> StartingHandles() =>
    [
        new() { EnvId = "CartPole-v1" },
        new() { EnvId = "CartPole-v1", RenderMode = "rgb_array" },
        new() { EnvId = "CartPole-v1", NumEnvs = 4 },
        new() { EnvId = "CartPole-v1", NumEnvs = 3, VectorKwargs = { ["vectorization"] = new Value { StringValue = "gymnasium" } } },
        new() { EnvId = "Pendulum-v1" },
        new() { EnvId = "MountainCarContinuous-v0", NumEnvs = 3, AutoresetMode = AutoresetMode.SameStep },
        new() { EnvId = "Acrobot-v1", NumEnvs = 2, AutoresetMode = AutoresetMode.Disabled },
        new() { EnvId = "FrozenLake-v1", RenderMode = "ansi" },
        new() { EnvId = "Taxi-v3", NumEnvs = 2, VectorKwargs = { ["vectorization"] = new Value { StringValue = "sync" } } },
        new() { EnvId = "MountainCar-v0", NumEnvs = 2, VectorKwargs = { ["vectorization"] = new Value { StringValue = "parallel" } } },
        new() { EnvId = "Blackjack-v1" },
        new() { EnvId = "CliffWalking-v1", RenderMode = "rgb_array" },
        new() { EnvId = "MinAtar/Breakout-v0", NumEnvs = 2, VectorKwargs = { ["vectorization"] = new Value { StringValue = "fast" } } },
        new() { EnvId = "MinAtar/Breakout-v0" },
    ];

    /// <summary>The server answers health SERVING and a plain CartPole create, reset, five steps and close.</summary>
    private static async Task AssertServesHealthAndCartPoleAsync(LoopbackServer server)
    {
        var health = new Health.HealthClient(server.CreateChannel());
        var status = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + CallDeadline);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status.Status);
        var client = server.CreateClient();
        var cartPole = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1" }, deadline: DateTime.UtcNow + CallDeadline);
        var reset = await client.ResetAsync(new ResetRequest { Handle = cartPole.Handle, Seed = 42, Sequence = 1 }, deadline: DateTime.UtcNow + CallDeadline);
        Assert.Equal([4L], reset.Observation.Tensor.Shape);
        for (var i = 0; i < 5; i++)
        {
            var request = new StepRequest { Handle = cartPole.Handle, Action = new Value { IntValue = i % 2 }, Sequence = (ulong)i + 2 };
            var step = await client.StepAsync(request, deadline: DateTime.UtcNow + CallDeadline);
            Assert.Equal(1.0, BitConverter.ToDouble(step.Reward.Data.Span));
        }

        await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = cartPole.Handle }, deadline: DateTime.UtcNow + CallDeadline);
    }

    private static async Task CloseQuietlyAsync(EnvironmentsClient client, string handle)
    {
        try
        {
            await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = handle }, deadline: DateTime.UtcNow + CallDeadline);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // The fuzzer closed it on a stream and did not learn of it (it cancelled the stream).
        }
    }

    /// <summary>The live bytes of the process's GC heap after a full compacting collection, small objects and large ones apart.</summary>
    private static HeapSize HeapAfterFullCollection()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        // Generations 0, 1 and 2, then the large- and pinned-object heaps; fragmentation is free space, not live bytes.
        var generations = GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo;
        var live = new long[generations.Length];
        for (var i = 0; i < generations.Length; i++)
        {
            live[i] = generations[i].SizeAfterBytes - generations[i].FragmentationAfterBytes;
        }

        return new HeapSize(live[0] + live[1] + live[2], live[3..].Sum());
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F1} MiB";

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>The shared state of one fuzz run: the case counter, the handle pool, status counts and failures.</summary>
    private sealed class FuzzRun(int seed, int total, IReadOnlyList<EnvironmentDescription> catalog, Func<int> openHandles)
    {
        private int _nextCase = -1;
        private int _requests;
        private int _peakHandles;

        public HandlePool Pool { get; } = new(PoolCapacity);

        public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Failures { get; } = new();

        public int Requests => Volatile.Read(ref _requests);

        /// <summary>Callers stop once this many requests were sent (the run's total by default).</summary>
        public int Limit { get; set; } = total;

        public int PeakHandles => Volatile.Read(ref _peakHandles);

        /// <summary>Sends cases on <paramref name="channel"/> until the run has sent its requests: 85% unary, 15% streams.</summary>
        public async Task CallerAsync(GrpcChannel channel)
        {
            var invoker = channel.CreateCallInvoker();
            var client = new EnvironmentsClient(channel);
            while (Requests < Limit && Failures.Count < 20)
            {
                var index = Interlocked.Increment(ref _nextCase);
                var open = openHandles();
                if (open > Volatile.Read(ref _peakHandles))
                {
                    Volatile.Write(ref _peakHandles, open);
                }

                // Each case draws from its own generator, so the seed and case number name it.
                var fuzzer = new RequestFuzzer(new Random(unchecked(seed + (index * 7919))), catalog, Pool.Snapshot());
                if (fuzzer.Chance(0.85))
                {
                    await UnaryAsync(invoker, client, fuzzer, index);
                }
                else
                {
                    await StreamAsync(invoker, client, fuzzer, index);
                }
            }
        }

        private async Task UnaryAsync(CallInvoker invoker, EnvironmentsClient client, RequestFuzzer fuzzer, int index)
        {
            var (name, bytes, description) = fuzzer.NextUnary();
            var method = UnaryMethods.GetOrAdd(name, n =>
            {
                var slash = n.IndexOf('/', StringComparison.Ordinal);
                return new Method<byte[], byte[]>(MethodType.Unary, slash < 0 ? Service : n[..slash], slash < 0 ? n : n[(slash + 1)..], Raw, Raw);
            });
            Interlocked.Increment(ref _requests);
            try
            {
                var response = await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow + CallDeadline), bytes);
                Count(name, StatusCode.OK);
                if (name == "CreateEnvironment")
                {
                    await AdoptAsync(client, CreateEnvironmentResponse.Parser.ParseFrom(response));
                }
                else if (name == "CloseEnvironment")
                {
                    Pool.Remove(CloseEnvironmentRequest.Parser.ParseFrom(bytes).Handle);
                }
            }
            catch (RpcException e)
            {
                Count(name, e.StatusCode);
                Check(e.StatusCode, e.Status.Detail, index, name, description, bytes);
            }
            catch (Exception e)
            {
                Fail(index, name, $"the client threw {e.GetType().Name}: {e.Message}", description, bytes);
            }
        }

        /// <summary>
        /// A Session stream in lock step: up to 12 messages, each answered before the next is written, until the server
        /// ends the stream with a status; then half-closed, after which no answer may come. One stream in twenty is
        /// cancelled by the test after its last write, without reading the answer.
        /// </summary>
        private async Task StreamAsync(CallInvoker invoker, EnvironmentsClient client, RequestFuzzer fuzzer, int index)
        {
            var messages = 1 + fuzzer.Next(12);
            var cancel = fuzzer.Chance(0.05);
            using var cancellation = new CancellationTokenSource();
            using var call = invoker.AsyncDuplexStreamingCall(
                SessionMethod, null, new CallOptions(deadline: DateTime.UtcNow + CallDeadline + CallDeadline, cancellationToken: cancellation.Token));
            var description = "(none yet)";
            byte[] bytes = [];
            try
            {
                for (var i = 1; i <= messages; i++)
                {
                    (bytes, description, var intact) = fuzzer.NextSessionMessage((ulong)i);
                    Interlocked.Increment(ref _requests);
                    await call.RequestStream.WriteAsync(bytes);
                    if (cancel && i == messages)
                    {
                        await cancellation.CancelAsync();
                        Count("Session", StatusCode.Cancelled, "(cancelled by the test)");
                        return;
                    }

                    if (!await call.ResponseStream.MoveNext())
                    {
                        Fail(index, $"Session message {i}", "the stream ended OK without answering", description, bytes);
                        return;
                    }

                    Count("Session", StatusCode.OK);
                    var response = SessionResponse.Parser.ParseFrom(call.ResponseStream.Current);
                    if (intact is not null && response.RequestId != intact.RequestId)
                    {
                        Fail(index, $"Session message {i}", $"answered request_id {response.RequestId}, not {intact.RequestId}", description, bytes);
                    }

                    if (response.ResponseCase == SessionResponse.ResponseOneofCase.Create)
                    {
                        await AdoptAsync(client, response.Create);
                    }
                    else if (intact?.RequestCase == SessionRequest.RequestOneofCase.Close)
                    {
                        Pool.Remove(intact.Close.Handle);
                    }
                }

                await call.RequestStream.CompleteAsync();
                if (await call.ResponseStream.MoveNext())
                {
                    Fail(index, "Session", "answered after the client half-closed", description, bytes);
                }
            }
            catch (RpcException e)
            {
                Count("Session", e.StatusCode);
                Check(e.StatusCode, e.Status.Detail, index, "Session", description, bytes);
            }
            catch (Exception e)
            {
                Fail(index, "Session", $"the client threw {e.GetType().Name}: {e.Message}", description, bytes);
            }
        }

        /// <summary>Keeps a handle the fuzzer created in the pool, reset once so that valid steps step, or closes it when the pool is full.</summary>
        private async Task AdoptAsync(EnvironmentsClient client, CreateEnvironmentResponse created)
        {
            if (!Pool.TryAdd(new FuzzHandle(created.Handle, created.NumEnvs, created.ActionSpace)))
            {
                await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = created.Handle }, deadline: DateTime.UtcNow + CallDeadline);
                return;
            }

            try
            {
                await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 0 }, deadline: DateTime.UtcNow + CallDeadline);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // Another caller's fuzz case closed it already.
            }
        }

        private void Check(StatusCode code, string detail, int index, string method, string description, byte[] bytes)
        {
            if (!Documented.Contains(code))
            {
                Fail(index, method, $"{code}: {detail}", description, bytes);
            }
        }

        private void Fail(int index, string method, string what, string description, byte[] bytes) =>
            Failures.Enqueue(
                $"case {index} (seed {seed}) {method}: {what}{Environment.NewLine}" +
                $"    sent: {description}{Environment.NewLine}" +
                $"    bytes ({bytes.Length}): {Convert.ToBase64String(bytes.AsSpan(0, Math.Min(bytes.Length, 1024)))}");

        private void Count(string method, StatusCode code, string note = "") => Counts.AddOrUpdate($"{method} {code}{note}", 1, (_, n) => n + 1);
    }

    /// <summary>Live bytes of the GC heap: generations 0 to 2, and the large- and pinned-object heaps.</summary>
    /// <param name="Small">Generations 0 to 2.</param>
    /// <param name="Large">The large-object heap (objects of 85,000 bytes or more) and the pinned-object heap.</param>
    private readonly record struct HeapSize(long Small, long Large);

    /// <summary>The real handles the fuzzer may name, at most a capacity of them.</summary>
    private sealed class HandlePool(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly List<FuzzHandle> _handles = [];
        private FuzzHandle[] _snapshot = [];

        public bool TryAdd(FuzzHandle handle)
        {
            lock (_lock)
            {
                if (_handles.Count >= capacity)
                {
                    return false;
                }

                _handles.Add(handle);
                _snapshot = [.. _handles];
                return true;
            }
        }

        public void Remove(string name)
        {
            lock (_lock)
            {
                if (_handles.RemoveAll(h => h.Name == name) > 0)
                {
                    _snapshot = [.. _handles];
                }
            }
        }

        public FuzzHandle[] Snapshot() => Volatile.Read(ref _snapshot);
    }
}
