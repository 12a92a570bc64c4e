using RlGym.Core;
using CoreSpec = RlGym.Core.Registration.EnvSpec;
using Proto = RlGym.Protocol.V1;

namespace RlGym.Protocol.Conversions;

/// <summary>
/// Registration data and metadata to and from their messages: <see cref="CoreSpec"/> and <see cref="Proto.EnvSpec"/>,
/// <see cref="EnvMetadata"/> and <see cref="Proto.EnvMetadata"/>. Kwargs travel as plain values (<see cref="ValueCodec.FromPlain"/>).
/// </summary>
public static class SpecCodec
{
    /// <summary>Encodes a spec; <see cref="CoreSpec.Source"/> travels separately (EnvironmentDescription.source).</summary>
    public static Proto.EnvSpec Encode(CoreSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var message = new Proto.EnvSpec
        {
            Id = spec.Id,
            EntryPoint = spec.EntryPoint,
            Nondeterministic = spec.Nondeterministic,
            OrderEnforce = spec.OrderEnforce,
            HasVectorEntryPoint = spec.HasVectorEntryPoint,
        };
        if (spec.MaxEpisodeSteps is { } steps)
        {
            message.MaxEpisodeSteps = steps;
        }

        if (spec.RewardThreshold is { } threshold)
        {
            message.RewardThreshold = threshold;
        }

        ValueCodec.EncodeMap(spec.Kwargs, message.Kwargs);
        return message;
    }

    /// <summary>Decodes a spec; kwargs become plain values (<see cref="ValueCodec.ToPlain"/>), in key order.</summary>
    /// <param name="message">The spec message.</param>
    /// <param name="source">Where the environment comes from (EnvironmentDescription.source); <c>remote</c> when unknown.</param>
    /// <exception cref="ProtocolException">max_episode_steps does not fit an int32, or a kwarg is malformed.</exception>
    public static CoreSpec Decode(Proto.EnvSpec message, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        int? maxSteps = null;
        if (message.HasMaxEpisodeSteps)
        {
            maxSteps = message.MaxEpisodeSteps is >= 0 and <= int.MaxValue
                ? (int)message.MaxEpisodeSteps
                : throw new ProtocolException($"max_episode_steps {message.MaxEpisodeSteps} is out of range; it must be in [0, {int.MaxValue}].");
        }

        var kwargs = ValueCodec.DecodeMap(message.Kwargs.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        return new CoreSpec
        {
            Id = message.Id,
            EntryPoint = message.EntryPoint,
            MaxEpisodeSteps = maxSteps,
            RewardThreshold = message.HasRewardThreshold ? message.RewardThreshold : null,
            Nondeterministic = message.Nondeterministic,
            OrderEnforce = message.OrderEnforce,
            Kwargs = kwargs,
            HasVectorEntryPoint = message.HasVectorEntryPoint,
            Source = string.IsNullOrEmpty(source) ? "remote" : source,
        };
    }

    /// <summary>Encodes metadata.</summary>
    public static Proto.EnvMetadata Encode(EnvMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var message = new Proto.EnvMetadata { RenderFps = metadata.RenderFps, RewardType = Encode(metadata.RewardType) };
        message.RenderModes.AddRange(metadata.RenderModes);
        return message;
    }

    /// <summary>Decodes metadata; REWARD_TYPE_UNSPECIFIED means float, as the protocol says.</summary>
    public static EnvMetadata Decode(Proto.EnvMetadata message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new EnvMetadata(message.RenderModes.ToArray(), message.RenderFps, Decode(message.RewardType));
    }

    /// <summary>Encodes a reward type.</summary>
    public static Proto.RewardType Encode(RewardType rewardType) => rewardType switch
    {
        RewardType.Float => Proto.RewardType.Float,
        RewardType.Int => Proto.RewardType.Int,
        _ => throw new ArgumentOutOfRangeException(nameof(rewardType), rewardType, "Unknown reward type."),
    };

    /// <summary>Decodes a reward type (unspecified = float).</summary>
    /// <exception cref="ProtocolException">An unknown value.</exception>
    public static RewardType Decode(Proto.RewardType rewardType) => rewardType switch
    {
        Proto.RewardType.Unspecified or Proto.RewardType.Float => RewardType.Float,
        Proto.RewardType.Int => RewardType.Int,
        _ => throw new ProtocolException($"Unknown reward type {(int)rewardType}; expected REWARD_TYPE_FLOAT or REWARD_TYPE_INT."),
    };
}
