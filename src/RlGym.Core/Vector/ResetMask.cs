namespace RlGym.Core.Vector;

/// <summary>Gymnasium's <c>reset_mask</c> reset option: which copies of a vector environment to reset.</summary>
public static class ResetMask
{
    /// <summary>The option's name.</summary>
    public const string OptionName = "reset_mask";

    /// <summary>
    /// Takes <c>reset_mask</c> out of <paramref name="options"/>: the mask (null when absent: reset every copy) and the
    /// options left for the copies (null when none are left).
    /// </summary>
    /// <exception cref="ArgumentException">The mask is not a <c>bool[]</c> of <paramref name="numEnvs"/> entries.</exception>
    public static (bool[]? Mask, IReadOnlyDictionary<string, object>? CopyOptions) Split(IReadOnlyDictionary<string, object>? options, int numEnvs)
    {
        if (options is null || !options.TryGetValue(OptionName, out var raw))
        {
            return (null, options);
        }

        if (raw is not bool[] mask || mask.Length != numEnvs)
        {
            throw new ArgumentException($"The {OptionName} option must be a bool[] of length {numEnvs}, got {Formatting.Describe(raw)}.");
        }

        var rest = options.Where(kv => kv.Key != OptionName).ToDictionary(kv => kv.Key, kv => kv.Value);
        return (mask, rest.Count == 0 ? null : rest);
    }
}
