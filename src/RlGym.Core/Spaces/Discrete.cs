namespace RlGym.Core.Spaces;

/// <summary>gymnasium.spaces.Discrete: the integers <c>{Start, ..., Start + N - 1}</c>.</summary>
public sealed class Discrete : Space<int>
{
    /// <summary>A space of <paramref name="n"/> (at least 1) integers starting at <paramref name="start"/>.</summary>
    public Discrete(int n, int start = 0) => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary>Number of elements.</summary>
    public int N { get; }

    /// <summary>Smallest element.</summary>
    public int Start { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => [];

    /// <inheritdoc />
    public override bool Contains(int value) => throw new NotImplementedException("TODO(helper-rng)");

    /// <inheritdoc />
    public override int Sample() => throw new NotImplementedException("TODO(helper-rng)");

    /// <inheritdoc />
    public override string ToString() => throw new NotImplementedException("TODO(helper-rng)");
}
