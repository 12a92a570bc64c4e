using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;

namespace RlGym.Server.Sessions;

/// <summary>One environment (num_envs = 0): values of its spaces, scalar rewards and flags.</summary>
internal sealed class SingleEnvTarget(IEnv env) : SessionTarget
{
    /// <inheritdoc />
    public override string Name => EnvId;

    /// <inheritdoc />
    public override string EnvId => env.Spec?.Id ?? env.GetType().Name;

    /// <inheritdoc />
    public override long EstimatedBytes => MemoryEstimates.Single(env);

    /// <inheritdoc />
    public override DType RewardDType => env.Metadata.RewardType == Core.RewardType.Int ? DType.Int64 : DType.Float64;

    /// <inheritdoc />
    public override CreateEnvironmentResponse Describe() => new()
    {
        ObservationSpace = SpaceCodec.Encode(env.ObservationSpace),
        ActionSpace = SpaceCodec.Encode(env.ActionSpace),
        Spec = SpecCodec.Encode(env.Spec ?? throw new InvalidOperationException($"{env} was made without a spec.")),
        Metadata = SpecCodec.Encode(env.Metadata),
        NumEnvs = 0,
        Backend = Backend.Cpu,
        RenderMode = env.RenderMode ?? "",
    };

    /// <inheritdoc />
    public override ResetResponse Reset(ResetRequest request)
    {
        if (request.Seeds.Count > 0)
        {
            throw new ArgumentException("ResetRequest.seeds is for vector environments; use seed for a single environment.");
        }

        ulong? seed = request.HasSeed ? request.Seed : null;
        var options = request.Options.Count == 0 ? null : ValueCodec.DecodeInfo(request.Options);
        var (observation, info) = env.ResetObject(seed, options);
        var response = new ResetResponse
        {
            Observation = ValueCodec.Encode(observation, env.ObservationSpace),
            Sequence = request.Sequence,
        };
        ValueCodec.EncodeMap(info, response.Info);
        return response;
    }

    /// <inheritdoc />
    public override StepResponse Step(StepRequest request)
    {
        if (request.Action is null)
        {
            throw new ProtocolException($"StepRequest.action is missing; it must be a value of the action space {env.ActionSpace}.");
        }

        var action = ValueCodec.Decode(request.Action, env.ActionSpace, "action");
        var (observation, reward, terminated, truncated, info) = env.StepObject(action);
        var response = new StepResponse
        {
            Observation = ValueCodec.Encode(observation, env.ObservationSpace),
            Reward = env.Metadata.RewardType == Core.RewardType.Int ? TensorCodec.Scalar((long)reward) : TensorCodec.Scalar(reward),
            Terminated = TensorCodec.Scalar(terminated),
            Truncated = TensorCodec.Scalar(truncated),
            Sequence = request.Sequence,
        };
        ValueCodec.EncodeMap(info, response.Info);
        return response;
    }

    /// <inheritdoc />
    public override RenderResponse Render(RenderRequest request)
    {
        var response = new RenderResponse();
        if (env.Render() is { } rendering)
        {
            // Gymnasium returns None when no render mode was chosen: no frame.
            response.Frames.Add(FrameEncoder.ToFrame(rendering, request.Encoding));
        }

        return response;
    }

    /// <inheritdoc />
    public override void Dispose() => env.Dispose();
}
