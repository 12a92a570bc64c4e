using System.Collections.ObjectModel;

namespace RlGym.Core;

/// <summary>Helpers for Gymnasium's info dict: string keys, values that are scalars, arrays or nested dicts.</summary>
/// <remarks>
/// Python types are kept: an <c>int</c> in Gymnasium is a boxed <see cref="long"/> here, a <c>float</c> a
/// <see cref="double"/>, so <c>{"prob": 1}</c> and <c>{"prob": 1.0}</c> stay different on the wire.
/// </remarks>
public static class EnvInfo
{
    /// <summary>The shared empty info dict (Gymnasium's <c>{}</c>); never mutated.</summary>
    public static IReadOnlyDictionary<string, object> Empty { get; } =
        new ReadOnlyDictionary<string, object>(new Dictionary<string, object>());
}
