namespace RlGym.Protocol.Conversions;

/// <summary>
/// Budgets for a plain value map a client sends (kwargs, vector_kwargs, reset options), checked by
/// <see cref="ValueCodec.DecodeMap(IEnumerable{KeyValuePair{string, RlGym.Protocol.V1.Value}}, ValueLimits, string)"/> before
/// anything is decoded: a map over <see cref="MaxBytes"/> or with a string over <see cref="MaxStringBytes"/> is
/// <see cref="RequestLimitException"/> (RESOURCE_EXHAUSTED), one nested deeper than <see cref="MaxDepth"/> or with a
/// malformed tensor (more than <see cref="TensorCodec.MaxRank"/> dimensions, an element count that overflows) is
/// <see cref="ProtocolException"/> (INVALID_ARGUMENT).
/// </summary>
public sealed record ValueLimits
{
    /// <summary>The defaults a server applies unless configured otherwise.</summary>
    public static ValueLimits Default { get; } = new();

    /// <summary>
    /// Most bytes one map may decode to: tensor data, strings (UTF-8) and keys, plus 16 bytes for every value and
    /// entry. Default 4 MiB.
    /// </summary>
    public long MaxBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Longest string value or dict key, in UTF-8 bytes. Default 64 KiB.</summary>
    public int MaxStringBytes { get; init; } = 64 * 1024;

    /// <summary>Deepest nesting of dicts, tuples and lists (a flat map of scalars has depth 1). Default 32.</summary>
    public int MaxDepth { get; init; } = 32;
}
