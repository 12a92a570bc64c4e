using RlGym.Core.Vector;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;

namespace RlGym.Server.Sessions;

/// <summary>
/// A vector environment (num_envs = N >= 1): every field of a response is one tensor with the copy index first (see
/// <see cref="BatchCodec"/>), rewards FLOAT64 [N] (FLOAT32 for Gymnasium's CartPoleVectorEnv, as there), flags BOOL [N], infos arrays with <c>_key</c> masks. The action
/// batch is decoded into one buffer reused for every step.
/// </summary>
/// <remarks>
/// Rendering: copies made with a render mode (copies of the scalar environment, see <c>EnvRegistry.MakeVec</c>) answer one
/// frame each, in copy order; without one, <see cref="Render"/> answers no frames.
/// </remarks>
internal sealed class VectorEnvTarget : SessionTarget
{
    private readonly IVectorEnv _env;
    private readonly int[] _rewardShape;
    private readonly Backend _backend;
    private readonly Vectorization _vectorization;

    // Gymnasium's CartPoleVectorEnv returns float32 rewards (SyncVectorEnv float64): its counterpart sends FLOAT32.
    private readonly float[]? _float32Rewards;
    private object? _actions;

    // StepBorrowed: two sets of result buffers (observation, reward, terminated, truncated), used in turn, so the
    // stored response of the last step stays intact while the next one is encoded.
    private readonly Borrowed?[] _borrowed = new Borrowed?[8];
    private int _borrowedSet;

    /// <summary>Serves <paramref name="env"/>, which runs on <paramref name="backend"/> with <paramref name="vectorization"/> (see CreateEnvironmentResponse).</summary>
    public VectorEnvTarget(IVectorEnv env, Backend backend = Backend.Cpu, Vectorization vectorization = Vectorization.Unspecified)
    {
        _env = env;
        _backend = backend;
        _vectorization = vectorization;
        _rewardShape = [env.NumEnvs];
        _float32Rewards = env.RewardDType == Core.Spaces.DType.Float32 ? new float[env.NumEnvs] : null;
    }

    /// <summary>The vector environment served (which implementation the request resolved to).</summary>
    public IVectorEnv Env => _env;

    /// <inheritdoc />
    public override string Name => $"{EnvId} x{_env.NumEnvs}";

    /// <inheritdoc />
    public override string EnvId => _env.Spec?.Id ?? _env.GetType().Name;

    /// <inheritdoc />
    public override long EstimatedBytes => MemoryEstimates.Vector(_env.SingleObservationSpace, _env.NumEnvs) + MemoryEstimates.Reported(_env);

    /// <inheritdoc />
    public override DType RewardDType => _float32Rewards is null ? DType.Float64 : DType.Float32;

    /// <inheritdoc />
    public override CreateEnvironmentResponse Describe() => new()
    {
        ObservationSpace = SpaceCodec.Encode(_env.SingleObservationSpace),
        ActionSpace = SpaceCodec.Encode(_env.SingleActionSpace),
        Spec = SpecCodec.Encode(_env.Spec ?? throw new InvalidOperationException($"{_env} was made without a spec.")),
        Metadata = SpecCodec.Encode(_env.Metadata),
        NumEnvs = (uint)_env.NumEnvs,
        AutoresetMode = EnumCodec.Encode(_env.AutoresetMode),
        Backend = _backend,
        Vectorization = _vectorization,
        RenderMode = _env.RenderMode ?? "",
    };

    /// <inheritdoc />
    public override ResetResponse Reset(ResetRequest request)
    {
        var options = request.Options.Count == 0 ? null : ValueCodec.DecodeInfo(request.Options);
        var result = SeedsOf(request, _env.NumEnvs) is { } seeds
            ? _env.ResetObject(seeds, options)
            : _env.ResetObject(request.HasSeed ? request.Seed : null, options);

        var response = new ResetResponse
        {
            Observation = BatchCodec.Encode(result.Observations, _env.SingleObservationSpace, _env.NumEnvs),
            Sequence = request.Sequence,
        };
        BatchCodec.EncodeInfo(result.Info, response.Info);
        return response;
    }

    /// <summary>
    /// The per-copy seeds of <paramref name="request"/> (null when it gives none: <c>seed</c> alone, or no seed);
    /// INVALID_ARGUMENT when it sets both or not one per copy.
    /// </summary>
    public static ulong?[]? SeedsOf(ResetRequest request, int numEnvs)
    {
        if (request.Seeds.Count == 0)
        {
            return null;
        }

        if (request.HasSeed)
        {
            throw new ArgumentException("ResetRequest sets both seed and seeds; set seed (copy i gets seed + i) or seeds (one per copy), not both.");
        }

        if (request.Seeds.Count != numEnvs)
        {
            throw new ArgumentException(
                $"ResetRequest.seeds has {request.Seeds.Count} seeds, but this vector environment has num_envs = {numEnvs}; give one seed per copy, or seed alone.");
        }

        var seeds = new ulong?[numEnvs];
        for (var i = 0; i < seeds.Length; i++)
        {
            seeds[i] = request.Seeds[i];
        }

        return seeds;
    }

    /// <inheritdoc />
    public override StepResponse Step(StepRequest request)
    {
        if (request.Action is null)
        {
            throw new ProtocolException(
                $"StepRequest.action is missing; a vector environment takes one batch: {_env.NumEnvs} values of {_env.SingleActionSpace}, copy index first.");
        }

        _actions = BatchCodec.Decode(request.Action, _env.SingleActionSpace, _env.NumEnvs, "action", _actions);
        var result = _env.StepObject(_actions);
        var response = new StepResponse
        {
            Observation = BatchCodec.Encode(result.Observations, _env.SingleObservationSpace, _env.NumEnvs),
            Reward = EncodeRewards(result.Rewards),
            Terminated = TensorCodec.Encode<bool>(result.Terminations, _rewardShape),
            Truncated = TensorCodec.Encode<bool>(result.Truncations, _rewardShape),
            Sequence = request.Sequence,
        };
        BatchCodec.EncodeInfo(result.Info, response.Info);
        return response;
    }

    /// <inheritdoc />
    public override StepResponse StepBorrowed(StepRequest request)
    {
        if (request.Action is null)
        {
            return Step(request);
        }

        _actions = BatchCodec.Decode(request.Action, _env.SingleActionSpace, _env.NumEnvs, "action", _actions);
        var result = _env.StepObject(_actions);
        var set = _borrowedSet ^= 4;
        var response = new StepResponse
        {
            Observation = result.Observations is Array observations
                ? new Value { Tensor = Borrow(set, observations, () => BatchCodec.Encode(result.Observations, _env.SingleObservationSpace, _env.NumEnvs).Tensor) }
                : BatchCodec.Encode(result.Observations, _env.SingleObservationSpace, _env.NumEnvs),
            Reward = _float32Rewards is null
                ? Borrow(set + 1, result.Rewards, () => TensorCodec.Encode<double>(result.Rewards, _rewardShape))
                : Borrow(set + 1, Narrow(result.Rewards), () => EncodeRewards(result.Rewards)),
            Terminated = Borrow(set + 2, result.Terminations, () => TensorCodec.Encode<bool>(result.Terminations, _rewardShape)),
            Truncated = Borrow(set + 3, result.Truncations, () => TensorCodec.Encode<bool>(result.Truncations, _rewardShape)),
            Sequence = request.Sequence,
        };
        BatchCodec.EncodeInfo(result.Info, response.Info);
        return response;
    }

    /// <summary>
    /// A tensor of <paramref name="batch"/> in the buffer of <paramref name="slot"/>: the first time (or for a batch of
    /// another type) as <paramref name="encode"/> makes it, which fixes dtype and shape; after that one copy (int32
    /// batches widened to INT64, as <see cref="BatchCodec"/> does) into a buffer kept for the slot.
    /// </summary>
    private Tensor Borrow(int slot, Array batch, Func<Tensor> encode)
    {
        var borrowed = _borrowed[slot];
        if (borrowed is null || borrowed.Source != batch.GetType())
        {
            var tensor = encode();
            _borrowed[slot] = new Borrowed(batch.GetType(), tensor.Dtype, [.. tensor.Shape], new byte[tensor.Data.Length]);
            return tensor;
        }

        var buffer = borrowed.Buffer;
        if (Buffer.ByteLength(batch) == buffer.Length)
        {
            Buffer.BlockCopy(batch, 0, buffer, 0, buffer.Length);
        }
        else if (batch is int[] ints && (long)ints.Length * sizeof(long) == buffer.Length)
        {
            var wide = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(buffer.AsSpan());
            for (var i = 0; i < ints.Length; i++)
            {
                wide[i] = ints[i];
            }
        }
        else
        {
            return encode();
        }

        var result = new Tensor { Dtype = borrowed.Dtype, Data = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(buffer) };
        result.Shape.Add(borrowed.Shape);
        return result;
    }

    private float[] Narrow(double[] rewards)
    {
        var narrow = _float32Rewards!;
        for (var i = 0; i < rewards.Length; i++)
        {
            narrow[i] = (float)rewards[i];
        }

        return narrow;
    }

    private sealed record Borrowed(Type Source, DType Dtype, long[] Shape, byte[] Buffer);

    private Tensor EncodeRewards(double[] rewards)
    {
        if (_float32Rewards is null)
        {
            return TensorCodec.Encode<double>(rewards, _rewardShape);
        }

        for (var i = 0; i < rewards.Length; i++)
        {
            _float32Rewards[i] = (float)rewards[i];
        }

        return TensorCodec.Encode<float>(_float32Rewards, _rewardShape);
    }

    /// <inheritdoc />
    public override RenderResponse Render(RenderRequest request)
    {
        var response = new RenderResponse();
        foreach (var rendering in _env.Render() ?? [])
        {
            response.Frames.Add(FrameEncoder.ToFrame(rendering, request.Encoding));
        }

        return response;
    }

    /// <inheritdoc />
    public override void Dispose() => _env.Dispose();
}
