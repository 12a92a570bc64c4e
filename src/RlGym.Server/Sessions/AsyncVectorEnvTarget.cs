using RlGym.Core.Vector;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;

namespace RlGym.Server.Sessions;

/// <summary>
/// An asynchronous vector environment (CreateEnvironmentRequest.batch_size &gt; 0, EnvPool's send/recv): a step request
/// sends, receives, or both (<see cref="StepPhase"/>); a receive answers <c>batch_size</c> rows, each of the copy named
/// in <c>env_ids</c>. Resets answer all N copies, as a synchronous vector environment's do.
/// </summary>
internal sealed class AsyncVectorEnvTarget(AsyncVectorEnv env) : SessionTarget
{
    private readonly int[] _allCopies = [.. Enumerable.Range(0, env.NumEnvs)];
    private readonly int[] _batchShape = [env.BatchSize];

    /// <inheritdoc />
    public override string Name => $"{EnvId} x{env.NumEnvs} (batch {env.BatchSize})";

    /// <inheritdoc />
    public override string EnvId => env.Spec?.Id ?? "AsyncVectorEnv";

    /// <inheritdoc />
    public override long EstimatedBytes => MemoryEstimates.Vector(env.Envs[0], env.NumEnvs);

    /// <inheritdoc />
    public override DType RewardDType => DType.Float64;

    /// <inheritdoc />
    public override bool Asynchronous => true;

    /// <inheritdoc />
    public override CreateEnvironmentResponse Describe() => new()
    {
        ObservationSpace = SpaceCodec.Encode(env.SingleObservationSpace),
        ActionSpace = SpaceCodec.Encode(env.SingleActionSpace),
        Spec = SpecCodec.Encode(env.Spec ?? throw new InvalidOperationException("The copies were made without a spec.")),
        Metadata = SpecCodec.Encode(env.Metadata),
        NumEnvs = (uint)env.NumEnvs,
        AutoresetMode = EnumCodec.Encode(env.AutoresetMode),
        Backend = Backend.Cpu,
        Vectorization = Vectorization.Parallel,
        BatchSize = (uint)env.BatchSize,
    };

    /// <inheritdoc />
    public override ResetResponse Reset(ResetRequest request)
    {
        var options = request.Options.Count == 0 ? null : ValueCodec.DecodeInfo(request.Options);
        var seeds = VectorEnvTarget.SeedsOf(request, env.NumEnvs) ?? VectorSeeds.Spread(request.HasSeed ? request.Seed : null, env.NumEnvs);
        var result = env.Reset(seeds, options);
        var response = new ResetResponse
        {
            Observation = BatchCodec.Encode(result.Observations, env.SingleObservationSpace, env.NumEnvs),
            Sequence = request.Sequence,
        };
        BatchCodec.EncodeInfo(result.Info, response.Info);
        return response;
    }

    /// <inheritdoc />
    public override StepResponse Step(StepRequest request)
    {
        if (request.Phase != StepPhase.Recv)
        {
            Send(request);
            if (request.Phase == StepPhase.Send)
            {
                return new StepResponse { Sequence = request.Sequence };
            }
        }
        else if (request.Action is not null || request.EnvIds.Count > 0)
        {
            throw new ArgumentException("A STEP_PHASE_RECV request carries no action and no env_ids: it answers the copies that finished.");
        }

        var (ids, result) = env.Recv();
        var response = new StepResponse
        {
            Observation = BatchCodec.Encode(result.Observations, env.SingleObservationSpace, env.BatchSize),
            Reward = TensorCodec.Encode<double>(result.Rewards, _batchShape),
            Terminated = TensorCodec.Encode<bool>(result.Terminations, _batchShape),
            Truncated = TensorCodec.Encode<bool>(result.Truncations, _batchShape),
            Sequence = request.Sequence,
        };
        foreach (var id in ids)
        {
            response.EnvIds.Add((uint)id);
        }

        BatchCodec.EncodeInfo(result.Info, response.Info);
        return response;
    }

    /// <inheritdoc />
    public override int CopiesStepped(StepResponse response, int copies) => response.EnvIds.Count;

    /// <inheritdoc />
    public override RenderResponse Render(RenderRequest request) =>
        throw new NotSupportedException("An asynchronous vector environment (batch_size > 0) does not render; create one without batch_size to render.");

    /// <inheritdoc />
    public override void Dispose() => env.Dispose();

    private void Send(StepRequest request)
    {
        var ids = request.EnvIds.Count == 0 ? _allCopies : ToCopyIndices(request.EnvIds);
        if (request.Action is null)
        {
            throw new ProtocolException(
                $"StepRequest.action is missing; a send takes one action per env_id ({ids.Length} values of {env.SingleActionSpace}), in env_ids order.");
        }

        var actions = BatchCodec.Decode(request.Action, env.SingleActionSpace, ids.Length, "action");
        env.Send(actions, ids);
    }

    private int[] ToCopyIndices(IReadOnlyList<uint> envIds)
    {
        var ids = new int[envIds.Count];
        for (var j = 0; j < ids.Length; j++)
        {
            ids[j] = envIds[j] < (uint)env.NumEnvs
                ? (int)envIds[j]
                : throw new ArgumentOutOfRangeException(nameof(envIds), envIds[j], $"env_id {envIds[j]} is out of range: expected [0, {env.NumEnvs - 1}].");
        }

        return ids;
    }
}
