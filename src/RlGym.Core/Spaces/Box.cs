namespace RlGym.Core.Spaces;

/// <summary>
/// gymnasium.spaces.Box: an array of <see cref="Shape"/> with element-wise bounds. Values are flat row-major arrays of
/// <typeparamref name="T"/> (<c>float</c> = float32, <c>double</c>, <c>byte</c> = uint8, <c>sbyte</c>, <c>short</c>,
/// <c>int</c>, <c>long</c>, <c>bool</c>).
/// </summary>
public sealed class Box<T> : Space<T[]>
    where T : unmanaged
{
    /// <summary>The same bounds for every element (Gymnasium's <c>Box(low, high, shape, dtype)</c>).</summary>
    public Box(double low, double high, int[] shape) => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary>Element-wise bounds; <paramref name="shape"/> defaults to <c>[low.Length]</c>. Bounds are cast to the dtype.</summary>
    public Box(double[] low, double[] high, int[]? shape = null) => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary>Element type.</summary>
    public DType DType { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary>Lower bounds (as stored in the dtype, widened to double; -inf where unbounded).</summary>
    public IReadOnlyList<double> Low => throw new NotImplementedException("TODO(helper-rng)");

    /// <summary>Upper bounds (as stored in the dtype, widened to double; +inf where unbounded).</summary>
    public IReadOnlyList<double> High => throw new NotImplementedException("TODO(helper-rng)");

    /// <inheritdoc />
    public override bool Contains(T[] value) => throw new NotImplementedException("TODO(helper-rng)");

    /// <inheritdoc />
    public override T[] Sample() => throw new NotImplementedException("TODO(helper-rng)");

    /// <inheritdoc />
    public override string ToString() => throw new NotImplementedException("TODO(helper-rng)");
}
