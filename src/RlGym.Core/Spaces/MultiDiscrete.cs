namespace RlGym.Core.Spaces;

/// <summary>
/// gymnasium.spaces.MultiDiscrete: an array of <see cref="Shape"/> whose element i lies in
/// <c>{Start[i], ..., Start[i] + Nvec[i] - 1}</c>. Values are flat row-major <c>int[]</c>.
/// </summary>
public sealed class MultiDiscrete : Space<int[]>
{
    private readonly int[] _nvec;
    private readonly int[] _start;
    private readonly int[] _shape;

    /// <summary>
    /// A space with <paramref name="nvec"/>[i] (at least 1) values per element, starting at <paramref name="start"/>[i]
    /// (default 0); <paramref name="shape"/> defaults to <c>[nvec.Length]</c>.
    /// </summary>
    public MultiDiscrete(int[] nvec, int[]? start = null, int[]? shape = null)
    {
        ArgumentNullException.ThrowIfNull(nvec);
        if (nvec.Any(n => n <= 0))
        {
            throw new ArgumentException($"nvec (counts) must all be positive; got {Formatting.Describe(nvec)}.", nameof(nvec));
        }

        start ??= new int[nvec.Length];
        if (start.Length != nvec.Length)
        {
            throw new ArgumentException($"start must have one value per element ({nvec.Length}); got {start.Length}.", nameof(start));
        }

        _shape = shape is null ? [nvec.Length] : [.. shape];
        if (_shape.Aggregate(1, (a, b) => a * b) != nvec.Length)
        {
            throw new ArgumentException($"shape {NumpyFormat.Shape(_shape)} does not hold {nvec.Length} elements.", nameof(shape));
        }

        _nvec = [.. nvec];
        _start = [.. start];
    }

    /// <summary>Number of values of each element.</summary>
    public IReadOnlyList<int> Nvec => _nvec;

    /// <summary>Smallest value of each element.</summary>
    public IReadOnlyList<int> Start => _start;

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => _shape;

    /// <inheritdoc />
    public override bool Contains(int[] value)
    {
        if (value is null || value.Length != _nvec.Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] < _start[i] || (long)value[i] >= (long)_start[i] + _nvec[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Gymnasium's <c>sample()</c>: <c>(random(shape) * nvec).astype(int) + start</c>, one draw per element.</summary>
    public override int[] Sample()
    {
        var rng = Random;
        var result = new int[_nvec.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (int)(rng.Random() * _nvec[i]) + _start[i];
        }

        return result;
    }

    /// <summary>
    /// Gymnasium's <c>sample(mask=masks)</c>: per element, uniform over its allowed values (mask 1) via
    /// <c>choice</c>, or its start without drawing when none is allowed. <paramref name="masks"/>[i] has
    /// <c>Nvec[i]</c> entries.
    /// </summary>
    public int[] Sample(IReadOnlyList<sbyte[]> masks)
    {
        CheckPerElement(masks, nameof(masks));
        var result = new int[_nvec.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var mask = masks[i];
            var allowed = 0;
            foreach (var m in mask)
            {
                if (m is not (0 or 1))
                {
                    throw new ArgumentException($"Mask values must be 0 or 1; element {i} has {m}.", nameof(masks));
                }

                allowed += m;
            }

            result[i] = _start[i];
            if (allowed > 0)
            {
                var k = (int)Random.Integers(0, allowed);
                for (var j = 0; j < mask.Length; j++)
                {
                    if (mask[j] == 1 && k-- == 0)
                    {
                        result[i] += j;
                        break;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Gymnasium's <c>sample(probability=probabilities)</c>: per element, <c>choice</c> of a value with the given
    /// probabilities (each row sums to 1), one <c>random()</c> per element.
    /// </summary>
    public int[] Sample(IReadOnlyList<double[]> probabilities)
    {
        CheckPerElement(probabilities, nameof(probabilities));
        var result = new int[_nvec.Length];
        for (var i = 0; i < result.Length; i++)
        {
            // Gymnasium drops zero-probability values before choice(p=...): the chosen value is the same.
            result[i] = _start[i] + Random.Categorical(probabilities[i]);
        }

        return result;
    }

    /// <summary><c>MultiDiscrete([5 2 2])</c>, with <c>, start=[...]</c> when any start is non-zero.</summary>
    public override string ToString()
    {
        var nvec = NumpyFormat.IntegerArray(_nvec.Select(n => (long)n).ToArray(), _shape);
        return _start.Any(s => s != 0)
            ? $"MultiDiscrete({nvec}, start={NumpyFormat.IntegerArray(_start.Select(s => (long)s).ToArray(), _shape)})"
            : $"MultiDiscrete({nvec})";
    }

    private void CheckPerElement<T>(IReadOnlyList<T[]> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Count != _nvec.Length)
        {
            throw new ArgumentException($"Expected one entry per element ({_nvec.Length}); got {rows.Count}.", name);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null || rows[i].Length != _nvec[i])
            {
                throw new ArgumentException($"Entry {i} must have {_nvec[i]} values; got {rows[i]?.Length ?? 0}.", name);
            }
        }
    }
}
