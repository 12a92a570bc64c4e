namespace RlGym.Core.Registration;

/// <summary>Registration data of an environment id (gymnasium.envs.registration.EnvSpec). Plain data.</summary>
public sealed record EnvSpec
{
    /// <summary>Id such as <c>CartPole-v1</c> or <c>MinAtar/Breakout-v0</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The implementing type's full name, for people.</summary>
    public required string EntryPoint { get; init; }

    /// <summary>Steps after which <c>Make</c>'s time limit truncates an episode; null for none.</summary>
    public int? MaxEpisodeSteps { get; init; }

    /// <summary>Mean return at which the task counts as solved; null when none is defined.</summary>
    public double? RewardThreshold { get; init; }

    /// <summary>True when the same seed does not guarantee the same trajectory.</summary>
    public bool Nondeterministic { get; init; }

    /// <summary>True when <c>Make</c> adds order enforcement (step before reset is an error).</summary>
    public bool OrderEnforce { get; init; } = true;

    /// <summary>
    /// Every kwarg the environment accepts with its default (registered defaults already applied). Value types are
    /// <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, or a list of those;
    /// a null default means "no value" (e.g. FrozenLake's <c>desc</c>).
    /// </summary>
    public IReadOnlyDictionary<string, object?> Kwargs { get; init; } = new Dictionary<string, object?>();

    /// <summary>True when a batched implementation exists for this id.</summary>
    public bool HasVectorEntryPoint { get; init; }

    /// <summary>Where the registration comes from: <c>built-in</c> or a plugin's path.</summary>
    public string Source { get; init; } = "built-in";
}
