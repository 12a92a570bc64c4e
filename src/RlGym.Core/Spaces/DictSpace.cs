namespace RlGym.Core.Spaces;

/// <summary>
/// gymnasium.spaces.Dict: values are <c>IReadOnlyDictionary&lt;string, object&gt;</c> with one member per subspace.
/// Keys are sorted (ordinal) like Gymnasium does for a plain dict, unless the order is explicitly kept.
/// </summary>
public sealed class DictSpace : Space<IReadOnlyDictionary<string, object>>
{
    private readonly KeyValuePair<string, Space>[] _spaces;
    private readonly Dictionary<string, Space> _byKey;

    /// <summary>
    /// A dict of <paramref name="spaces"/>; keys are sorted unless <paramref name="keepOrder"/> (Gymnasium keeps the
    /// order of a list of pairs).
    /// </summary>
    public DictSpace(IEnumerable<KeyValuePair<string, Space>> spaces, bool keepOrder = false)
    {
        ArgumentNullException.ThrowIfNull(spaces);
        var items = spaces.ToArray();
        _byKey = new Dictionary<string, Space>(StringComparer.Ordinal);
        foreach (var (key, space) in items)
        {
            if (space is null)
            {
                throw new ArgumentException($"Subspace '{key}' must not be null.", nameof(spaces));
            }

            if (!_byKey.TryAdd(key, space))
            {
                throw new ArgumentException($"Duplicate key '{key}'.", nameof(spaces));
            }
        }

        _spaces = keepOrder ? items : [.. items.OrderBy(kv => kv.Key, StringComparer.Ordinal)];
    }

    /// <summary>The keys, in the space's order.</summary>
    public IReadOnlyList<string> Keys => _spaces.Select(kv => kv.Key).ToArray();

    /// <summary>The subspaces, in the space's order.</summary>
    public IReadOnlyList<KeyValuePair<string, Space>> Spaces => _spaces;

    /// <summary>The subspace for <paramref name="key"/>.</summary>
    public Space this[string key] => _byKey.TryGetValue(key, out var space)
        ? space
        : throw new KeyNotFoundException($"No subspace '{key}'; keys: {string.Join(", ", Keys)}.");

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => [];

    /// <summary>
    /// Gymnasium's <c>Dict.seed(seed)</c>: with a seed, seeds the dict's own generator with it, draws
    /// <c>integers(0, 2^31 - 1, size=k)</c> and seeds the subspaces in key order; without, seeds each from entropy.
    /// Returns the subspaces' returned seeds, concatenated in key order.
    /// </summary>
    public override IReadOnlyList<ulong> Seed(ulong? seed = null)
    {
        if (seed is null)
        {
            return _spaces.SelectMany(kv => kv.Value.Seed(null)).ToArray();
        }

        base.Seed(seed);
        Span<long> subSeeds = stackalloc long[_spaces.Length];
        Random.Integers(0, int.MaxValue, subSeeds);
        var used = new List<ulong>();
        for (var i = 0; i < _spaces.Length; i++)
        {
            used.AddRange(_spaces[i].Value.Seed((ulong)subSeeds[i]));
        }

        return used;
    }

    /// <summary>Gymnasium's <c>Dict.seed({key: seed})</c>: seeds each subspace with its own seed (every key required).</summary>
    public IReadOnlyList<ulong> Seed(IReadOnlyDictionary<string, ulong?> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count != _spaces.Length || _spaces.Any(kv => !seeds.ContainsKey(kv.Key)))
        {
            throw new ArgumentException(
                $"Expected one seed per key ({string.Join(", ", Keys)}); got {string.Join(", ", seeds.Keys)}.", nameof(seeds));
        }

        return _spaces.SelectMany(kv => kv.Value.Seed(seeds[kv.Key])).ToArray();
    }

    /// <inheritdoc />
    public override bool Contains(IReadOnlyDictionary<string, object> value)
    {
        if (value is null || value.Count != _spaces.Length)
        {
            return false;
        }

        foreach (var (key, space) in _spaces)
        {
            if (!value.TryGetValue(key, out var part) || !space.ContainsObject(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Samples each subspace in key order, each from its own generator.</summary>
    public override IReadOnlyDictionary<string, object> Sample()
    {
        var result = new Dictionary<string, object>(_spaces.Length, StringComparer.Ordinal);
        foreach (var (key, space) in _spaces)
        {
            result[key] = space.SampleObject();
        }

        return result;
    }

    /// <summary><c>Dict('a': Discrete(2), 'b': Box(...))</c>, as Gymnasium's repr.</summary>
    public override string ToString() =>
        "Dict(" + string.Join(", ", _spaces.Select(kv => $"'{kv.Key}': {kv.Value}")) + ")";
}
