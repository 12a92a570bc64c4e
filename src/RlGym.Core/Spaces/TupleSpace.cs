namespace RlGym.Core.Spaces;

/// <summary>gymnasium.spaces.Tuple: values are <c>object[]</c> holding one member of each subspace, in order.</summary>
public sealed class TupleSpace : Space<object[]>
{
    /// <summary>A tuple of <paramref name="spaces"/>.</summary>
    public TupleSpace(params Space[] spaces) => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary>The subspaces.</summary>
    public IReadOnlyList<Space> Spaces => throw new NotImplementedException("TODO(helper-rng)");

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => [];

    /// <inheritdoc />
    public override bool Contains(object[] value) => throw new NotImplementedException("TODO(helper-rng)");

    /// <inheritdoc />
    public override object[] Sample() => throw new NotImplementedException("TODO(helper-rng)");

    /// <inheritdoc />
    public override string ToString() => throw new NotImplementedException("TODO(helper-rng)");
}
