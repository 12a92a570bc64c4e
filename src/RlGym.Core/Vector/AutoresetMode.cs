namespace RlGym.Core.Vector;

/// <summary>How a vector environment resets copies whose episode ended (gymnasium.vector.AutoresetMode).</summary>
public enum AutoresetMode
{
    /// <summary>The step after a copy ended resets it instead of stepping it (its action is ignored); Gymnasium's default.</summary>
    NextStep,

    /// <summary>A copy that ended is reset within the same step; the final observation and info go to <c>final_obs</c> / <c>final_info</c>.</summary>
    SameStep,

    /// <summary>Copies are never reset automatically; reset them with the <c>reset_mask</c> option.</summary>
    Disabled,
}
