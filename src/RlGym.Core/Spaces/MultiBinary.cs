namespace RlGym.Core.Spaces;

/// <summary>gymnasium.spaces.MultiBinary: an int8 array of <see cref="Shape"/> whose elements are 0 or 1 (<c>sbyte[]</c>).</summary>
public sealed class MultiBinary : Space<sbyte[]>
{
    private readonly int[] _shape;
    private readonly bool _fromInt;

    /// <summary>A vector of <paramref name="n"/> (at least 1) binary elements (Gymnasium's <c>MultiBinary(n)</c>).</summary>
    public MultiBinary(int n)
        : this([n])
    {
        _fromInt = true;
    }

    /// <summary>An array of <paramref name="shape"/> (every dimension at least 1) of binary elements.</summary>
    public MultiBinary(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
        {
            throw new ArgumentException($"MultiBinary dimensions must all be positive; got {NumpyFormat.Shape(shape)}.", nameof(shape));
        }

        _shape = [.. shape];
        Size = _shape.Aggregate(1, (a, b) => checked(a * b));
    }

    /// <summary>Number of elements.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => _shape;

    /// <inheritdoc />
    public override bool Contains(sbyte[] value) =>
        value is not null && value.Length == Size && value.All(v => v is 0 or 1);

    /// <summary>Gymnasium's <c>sample()</c>: <c>integers(0, 2, size=n, dtype=int8)</c> (one 32-bit draw per 4 elements).</summary>
    public override sbyte[] Sample()
    {
        var result = new sbyte[Size];
        Random.IntegersInt8(0, 2, result);
        return result;
    }

    /// <summary>
    /// Gymnasium's <c>sample(mask=mask)</c>: 0 or 1 keep that value, 2 takes a random bit; random bits are drawn for
    /// every element first.
    /// </summary>
    public sbyte[] Sample(ReadOnlySpan<sbyte> mask)
    {
        if (mask.Length != Size)
        {
            throw new ArgumentException($"The mask must have {Size} values; got {mask.Length}.", nameof(mask));
        }

        foreach (var m in mask)
        {
            if (m is not (0 or 1 or 2))
            {
                throw new ArgumentException($"Mask values must be 0, 1 or 2; got {m}.", nameof(mask));
            }
        }

        var result = new sbyte[Size];
        Random.IntegersInt8(0, 2, result);
        for (var i = 0; i < result.Length; i++)
        {
            if (mask[i] != 2)
            {
                result[i] = mask[i];
            }
        }

        return result;
    }

    /// <summary>Gymnasium's <c>sample(probability=p)</c>: element i is <c>random() &lt;= p[i]</c>.</summary>
    public sbyte[] Sample(ReadOnlySpan<double> probability)
    {
        if (probability.Length != Size)
        {
            throw new ArgumentException($"The probability must have {Size} values; got {probability.Length}.", nameof(probability));
        }

        foreach (var p in probability)
        {
            if (!(p is >= 0 and <= 1))
            {
                throw new ArgumentException($"Probabilities must lie in [0, 1]; got {p}.", nameof(probability));
            }
        }

        var result = new sbyte[Size];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Random.Random() <= probability[i] ? (sbyte)1 : (sbyte)0;
        }

        return result;
    }

    /// <summary><c>MultiBinary(5)</c> or <c>MultiBinary((2, 3))</c>.</summary>
    public override string ToString() =>
        _fromInt ? $"MultiBinary({Size})" : $"MultiBinary({NumpyFormat.Shape(_shape)})";
}
