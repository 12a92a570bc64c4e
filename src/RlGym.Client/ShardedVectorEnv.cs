using RlGym.Core;
using RlGym.Core.Spaces;
using RlGym.Core.Vector;
using Backend = RlGym.Protocol.V1.Backend;
using Space = RlGym.Core.Spaces.Space;
using CoreAutoresetMode = RlGym.Core.Vector.AutoresetMode;
using CoreEnvMetadata = RlGym.Core.EnvMetadata;
using CoreEnvSpec = RlGym.Core.Registration.EnvSpec;

namespace RlGym.Client;

/// <summary>
/// One vector environment whose copies are spread over several RlGym servers (replicas behind a Kubernetes headless
/// Service, or any list of endpoints): shard k is a <see cref="RemoteVectorEnv"/> on <c>addresses[k]</c> holding a
/// contiguous range of the copies, and every reset and step goes to the shards in parallel and is merged in copy
/// order. With a seed, copy i is seeded with <c>seed + i</c> over all shards, so the results equal one server's.
/// </summary>
/// <remarks>
/// Copies are split as evenly as possible (the first <c>numEnvs % shards</c> shards get one more); with fewer copies
/// than addresses, only the first <c>numEnvs</c> addresses are used. A failing shard surfaces as the exception a
/// <see cref="RemoteVectorEnv"/> throws, with a <see cref="RemoteEnvException"/> (e.g. <c>UNAVAILABLE</c> after the
/// retries) naming the shard, its address and its copies. Not thread-safe.
/// </remarks>
/// <example>
/// <code>
/// using var env = ShardedVectorEnv.Make("CartPole-v1", 96, ["http://rlgym-0:50051", "http://rlgym-1:50051", "http://rlgym-2:50051"]);
/// var (observations, _) = env.ResetObject(seed: 42);
/// </code>
/// </example>
public sealed class ShardedVectorEnv : IVectorEnv
{
    private readonly RemoteVectorEnv[] _shards;
    private readonly string[] _addresses;
    private readonly int[] _offsets;
    private readonly int[] _counts;
    private bool _closed;

    private ShardedVectorEnv(RemoteVectorEnv[] shards, string[] addresses)
    {
        _shards = shards;
        _addresses = addresses;
        _counts = shards.Select(s => s.NumEnvs).ToArray();
        _offsets = Offsets(_counts);
        NumEnvs = _counts.Sum();
    }

    /// <summary>The vector environment on each server, in copy order.</summary>
    public IReadOnlyList<RemoteVectorEnv> Shards => _shards;

    /// <summary>The address of each shard's server.</summary>
    public IReadOnlyList<string> Addresses => _addresses;

    /// <inheritdoc />
    public int NumEnvs { get; }

    /// <inheritdoc />
    public Space SingleObservationSpace => _shards[0].SingleObservationSpace;

    /// <inheritdoc />
    public Space SingleActionSpace => _shards[0].SingleActionSpace;

    /// <inheritdoc />
    public CoreAutoresetMode AutoresetMode => _shards[0].AutoresetMode;

    /// <inheritdoc />
    public CoreEnvMetadata Metadata => _shards[0].Metadata;

    /// <summary>The spec in effect on the servers (that of the first shard).</summary>
    public CoreEnvSpec Spec => _shards[0].Spec;

    CoreEnvSpec? IVectorEnv.Spec => Spec;

    /// <summary>Creates <paramref name="numEnvs"/> copies of <paramref name="id"/> spread over <paramref name="addresses"/>.</summary>
    /// <param name="id">A registered id, e.g. <c>CartPole-v1</c>.</param>
    /// <param name="numEnvs">Number of copies over all servers (at least 1).</param>
    /// <param name="addresses">The servers, e.g. <c>http://10.0.0.7:50051</c> (see <see cref="RemoteEnvOptions.Address"/>).</param>
    /// <param name="options">Everything but the address, for every shard; its <see cref="RemoteEnvOptions.Channel"/> must be null.</param>
    /// <param name="autoresetMode">How copies that ended are reset.</param>
    /// <param name="vectorization">auto (the default), sync, parallel, soa, gymnasium or fast (see <see cref="RemoteVectorEnv.Make"/>).</param>
    /// <param name="kwargs">Overrides of the registered kwargs.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit; 0 removes it.</param>
    /// <param name="backend">Where the batches run: auto (the default), CPU or GPU.</param>
    /// <exception cref="ArgumentException">No address, a channel in <paramref name="options"/>, or bad kwargs.</exception>
    /// <exception cref="RemoteEnvException">A server could not create its shard (e.g. UNAVAILABLE); the message names it.</exception>
    /// <exception cref="InvalidOperationException">The servers disagree on the environment's spaces.</exception>
    public static ShardedVectorEnv Make(
        string id,
        int numEnvs,
        IReadOnlyList<string> addresses,
        RemoteEnvOptions? options = null,
        CoreAutoresetMode autoresetMode = CoreAutoresetMode.NextStep,
        string vectorization = "auto",
        IReadOnlyDictionary<string, object?>? kwargs = null,
        int? maxEpisodeSteps = null,
        Backend backend = Backend.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(numEnvs, 1);
        ArgumentNullException.ThrowIfNull(addresses);
        options ??= new RemoteEnvOptions();
        if (addresses.Count == 0)
        {
            throw new ArgumentException("Give at least one server address to spread the copies over.", nameof(addresses));
        }

        if (options.Channel is not null)
        {
            throw new ArgumentException("A sharded environment opens one channel per address; leave RemoteEnvOptions.Channel null.", nameof(options));
        }

        var used = addresses.Take(numEnvs).ToArray();
        var counts = Split(numEnvs, used.Length);
        var shards = new RemoteVectorEnv?[used.Length];
        var errors = new Exception?[used.Length];
        Parallel.For(0, used.Length, k =>
        {
            try
            {
                shards[k] = RemoteVectorEnv.Make(
                    id, counts[k], options with { Address = used[k] }, autoresetMode, vectorization, kwargs, maxEpisodeSteps, backend);
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        });

        var offsets = Offsets(counts);
        var failed = Array.FindIndex(errors, e => e is not null);
        if (failed < 0)
        {
            var env = new ShardedVectorEnv(shards.Select(s => s!).ToArray(), used);
            env.CheckShardsAgree();
            return env;
        }

        foreach (var shard in shards)
        {
            shard?.Dispose();
        }

        throw ForShard(errors[failed]!, failed, used[failed], offsets[failed], counts[failed]);
    }

    /// <inheritdoc />
    public VectorResetResult<object> ResetObject(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        var perShard = SplitOptions(options);
        return Reset(k => _shards[k].ResetObject(seed is { } s ? s + (ulong)_offsets[k] : null, perShard[k]));
    }

    /// <summary>Resets copy i with <c>seeds[i]</c>; all null continues every generator (see <see cref="RemoteVectorEnv.ResetObject(IReadOnlyList{ulong?}, IReadOnlyDictionary{string, object}?)"/>).</summary>
    /// <exception cref="ArgumentException">The wrong number of seeds, or null mixed with seeds.</exception>
    public VectorResetResult<object> ResetObject(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null)
    {
        VectorSeeds.RequireOnePerCopy(seeds, NumEnvs);

        var perShard = SplitOptions(options);
        return Reset(k => _shards[k].ResetObject(seeds.Skip(_offsets[k]).Take(_counts[k]).ToArray(), perShard[k]));
    }

    /// <inheritdoc />
    public VectorStepResult<object> StepObject(object actions)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        ArgumentNullException.ThrowIfNull(actions);
        int count;
        try
        {
            count = SpaceBatching.Count(SingleActionSpace, actions);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Actions {actions.GetType().Name} are not a batch of {NumEnvs} values of {SingleActionSpace}: {e.Message}", nameof(actions));
        }

        if (count != NumEnvs)
        {
            throw new ArgumentException($"Expected a batch of {NumEnvs} actions (one per copy), got {count}.", nameof(actions));
        }

        var results = OnEveryShard(k => _shards[k].StepObject(
            _shards.Length == 1 ? actions : SpaceBatching.Slice(SingleActionSpace, actions, _offsets[k], _counts[k])));
        return new(
            SpaceBatching.Concatenate(SingleObservationSpace, results.Select(r => r.Observations).ToArray()),
            results.SelectMany(r => r.Rewards).ToArray(),
            results.SelectMany(r => r.Terminations).ToArray(),
            results.SelectMany(r => r.Truncations).ToArray(),
            VectorInfo.Concatenate(results.Select(r => r.Info).ToArray(), _counts));
    }

    /// <summary>Closes every shard; harmless when repeated.</summary>
    public void Close()
    {
        _closed = true;
        ForEachShard(static s => s.Close());
    }

    /// <summary>Closes every shard and disposes their channels.</summary>
    public void Dispose()
    {
        _closed = true;
        ForEachShard(static s => s.Dispose());
    }

    private VectorResetResult<object> Reset(Func<int, VectorResetResult<object>> resetShard)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var results = OnEveryShard(resetShard);
        return new(
            SpaceBatching.Concatenate(SingleObservationSpace, results.Select(r => r.Observations).ToArray()),
            VectorInfo.Concatenate(results.Select(r => r.Info).ToArray(), _counts));
    }

    /// <summary>Runs <paramref name="call"/> on every shard at once; the first failing shard's error (in copy order) escapes.</summary>
    private T[] OnEveryShard<T>(Func<int, T> call)
    {
        var results = new T[_shards.Length];
        var errors = new Exception?[_shards.Length];
        if (_shards.Length == 1)
        {
            results[0] = call(0);
            return results;
        }

        Parallel.For(0, _shards.Length, k =>
        {
            try
            {
                results[k] = call(k);
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        });
        var failed = Array.FindIndex(errors, e => e is not null);
        return failed < 0 ? results : throw ForShard(errors[failed]!, failed, _addresses[failed], _offsets[failed], _counts[failed]);
    }

    private void ForEachShard(Action<RemoteVectorEnv> action)
    {
        List<Exception>? errors = null;
        foreach (var shard in _shards)
        {
            try
            {
                action(shard);
            }
            catch (Exception e)
            {
                (errors ??= []).Add(e);
            }
        }

        if (errors is not null)
        {
            throw errors.Count == 1 ? errors[0] : new AggregateException("Closing the shards failed.", errors);
        }
    }

    /// <summary>Each shard's reset options: <c>reset_mask</c> cut to its copies, everything else as given.</summary>
    private IReadOnlyDictionary<string, object>?[] SplitOptions(IReadOnlyDictionary<string, object>? options)
    {
        var (mask, rest) = ResetMask.Split(options, NumEnvs);
        return _shards.Select((_, k) =>
        {
            if (mask is null)
            {
                return rest;
            }

            var shardOptions = rest?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? [];
            shardOptions[ResetMask.OptionName] = mask.AsSpan(_offsets[k], _counts[k]).ToArray();
            return (IReadOnlyDictionary<string, object>?)shardOptions;
        }).ToArray();
    }

    private void CheckShardsAgree()
    {
        foreach (var (shard, k) in _shards.Select((s, k) => (s, k)).Skip(1))
        {
            if (shard.SingleObservationSpace.ToString() != SingleObservationSpace.ToString()
                || shard.SingleActionSpace.ToString() != SingleActionSpace.ToString())
            {
                Dispose();
                throw new InvalidOperationException(
                    $"The servers disagree on {Spec.Id}: {_addresses[0]} serves observations {SingleObservationSpace} and actions {SingleActionSpace}, "
                    + $"{_addresses[k]} serves {shard.SingleObservationSpace} and {shard.SingleActionSpace}; run the same server version everywhere.");
            }
        }
    }

    /// <summary>
    /// The error of shard <paramref name="index"/>: a server status (<see cref="RemoteEnvException"/>) is re-thrown naming
    /// the shard, its address and copies, keeping the status code; errors a local environment would throw (bad actions,
    /// unknown ids, a reset needed) keep their type.
    /// </summary>
    private static Exception ForShard(Exception error, int index, string address, int offset, int count) => error switch
    {
        RemoteEnvException remote => new RemoteEnvException(
            remote.StatusCode,
            $"Shard {index} at {address} (copies {offset}..{offset + count - 1}) failed with {remote.StatusCode}: {remote.Message}",
            remote),
        _ => error,
    };

    private static int[] Split(int numEnvs, int shards) =>
        Enumerable.Range(0, shards).Select(k => (numEnvs / shards) + (k < numEnvs % shards ? 1 : 0)).ToArray();

    private static int[] Offsets(int[] counts)
    {
        var offsets = new int[counts.Length];
        for (var k = 1; k < counts.Length; k++)
        {
            offsets[k] = offsets[k - 1] + counts[k - 1];
        }

        return offsets;
    }
}
