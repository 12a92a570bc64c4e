using RlGym.Core.Random;

namespace RlGym.Core.Spaces;

/// <summary>
/// The set of valid observations or actions (gymnasium.spaces.Space), seen without its value type.
/// A space owns its own seedable generator, independent of the environment's.
/// </summary>
public abstract class Space
{
    private NumpyGenerator? _random;

    /// <summary>Shape of one value; empty for scalars and for composite spaces.</summary>
    public abstract IReadOnlyList<int> Shape { get; }

    /// <summary>The space's generator, seeded from OS entropy on first use when never seeded.</summary>
    public NumpyGenerator Random => _random ??= NumpyGenerator.FromEntropy();

    /// <summary>Seeds the space's generator (and, for composite spaces, the subspaces').</summary>
    /// <returns>The seeds used, as Gymnasium's <c>space.seed</c> returns them.</returns>
    public virtual IReadOnlyList<ulong> Seed(ulong? seed = null)
    {
        _random = seed is { } s ? NumpyGenerator.FromSeed(s) : NumpyGenerator.FromEntropy();
        return seed is { } used ? [used] : [];
    }

    /// <summary>True when <paramref name="value"/> is a member of this space (wrong types are not members).</summary>
    public abstract bool ContainsObject(object? value);

    /// <summary>Draws a random member using the space's generator.</summary>
    public abstract object SampleObject();

    /// <summary>A short description, e.g. <c>Box(-4.8, 4.8, (4,), float32)</c>.</summary>
    public abstract override string ToString();
}

/// <summary>A space whose members are values of type <typeparamref name="T"/>.</summary>
public abstract class Space<T> : Space
    where T : notnull
{
    /// <summary>True when <paramref name="value"/> is a member of this space.</summary>
    public abstract bool Contains(T value);

    /// <summary>Draws a random member using the space's generator.</summary>
    public abstract T Sample();

    /// <inheritdoc />
    public override bool ContainsObject(object? value) => value is T typed && Contains(typed);

    /// <inheritdoc />
    public override object SampleObject() => Sample();
}
