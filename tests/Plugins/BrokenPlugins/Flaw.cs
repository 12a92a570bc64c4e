namespace BrokenPlugins;

/// <summary>The one contract violation a <see cref="FlawedEnv"/> commits.</summary>
public enum Flaw
{
    /// <summary>None: the environment passes every check.</summary>
    None,

    /// <summary>Reset returns an observation outside the observation space.</summary>
    ObservationOutsideSpace,

    /// <summary>Randomness from System.Random instead of NpRandom: seeded resets differ.</summary>
    IgnoresSeed,

    /// <summary>The environment truncates by itself after 10 steps.</summary>
    OwnTimeLimit,

    /// <summary>Steps return NaN observations.</summary>
    NaNObservation,

    /// <summary>rgb_array frames grow wider with every step (the frame size must stay fixed).</summary>
    BadFrame,

    /// <summary>The info holds a value the protocol cannot send (a <see cref="Guid"/>).</summary>
    UnsendableInfo,

    /// <summary>Step accepts actions outside the action space.</summary>
    AcceptsInvalidAction,
}
