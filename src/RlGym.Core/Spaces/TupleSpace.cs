namespace RlGym.Core.Spaces;

/// <summary>gymnasium.spaces.Tuple: values are <c>object[]</c> holding one member of each subspace, in order.</summary>
public sealed class TupleSpace : Space<object[]>
{
    private readonly Space[] _spaces;

    /// <summary>A tuple of <paramref name="spaces"/>.</summary>
    public TupleSpace(params Space[] spaces)
    {
        ArgumentNullException.ThrowIfNull(spaces);
        if (spaces.Any(s => s is null))
        {
            throw new ArgumentException("Tuple subspaces must not be null.", nameof(spaces));
        }

        _spaces = [.. spaces];
    }

    /// <summary>The subspaces.</summary>
    public IReadOnlyList<Space> Spaces => _spaces;

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => [];

    /// <summary>
    /// Gymnasium's <c>Tuple.seed(seed)</c>: with a seed, seeds the tuple's own generator with it, draws
    /// <c>integers(0, 2^31 - 1, size=k)</c> and seeds subspace i with the i-th value; without, seeds every subspace
    /// from entropy. Returns the subspaces' returned seeds, concatenated in order.
    /// </summary>
    public override IReadOnlyList<ulong> Seed(ulong? seed = null)
    {
        if (seed is null)
        {
            return _spaces.SelectMany(s => s.Seed(null)).ToArray();
        }

        base.Seed(seed);
        Span<long> subSeeds = stackalloc long[_spaces.Length];
        Random.Integers(0, int.MaxValue, subSeeds);
        var used = new List<ulong>();
        for (var i = 0; i < _spaces.Length; i++)
        {
            used.AddRange(_spaces[i].Seed((ulong)subSeeds[i]));
        }

        return used;
    }

    /// <summary>Gymnasium's <c>Tuple.seed([s0, s1, ...])</c>: seeds subspace i with <paramref name="seeds"/>[i].</summary>
    public IReadOnlyList<ulong> Seed(IReadOnlyList<ulong?> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count != _spaces.Length)
        {
            throw new ArgumentException(
                $"Expected {_spaces.Length} seeds, one per subspace; got {seeds.Count}.", nameof(seeds));
        }

        return _spaces.SelectMany((s, i) => s.Seed(seeds[i])).ToArray();
    }

    /// <inheritdoc />
    public override bool Contains(object[] value)
    {
        if (value is null || value.Length != _spaces.Length)
        {
            return false;
        }

        for (var i = 0; i < _spaces.Length; i++)
        {
            if (!_spaces[i].ContainsObject(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Samples each subspace in order, each from its own generator.</summary>
    public override object[] Sample()
    {
        var result = new object[_spaces.Length];
        for (var i = 0; i < _spaces.Length; i++)
        {
            result[i] = _spaces[i].SampleObject();
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => "Tuple(" + string.Join(", ", _spaces.Select(s => s.ToString())) + ")";
}
