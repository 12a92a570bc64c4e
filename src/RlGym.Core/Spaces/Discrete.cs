using System.Globalization;

namespace RlGym.Core.Spaces;

/// <summary>gymnasium.spaces.Discrete: the integers <c>{Start, ..., Start + N - 1}</c>.</summary>
public sealed class Discrete : Space<int>
{
    /// <summary>A space of <paramref name="n"/> (at least 1) integers starting at <paramref name="start"/>.</summary>
    public Discrete(int n, int start = 0)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Discrete needs n >= 1 elements.");
        }

        if ((long)start + n - 1 > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"start + n - 1 must fit in an int; got start={start}, n={n}.");
        }

        N = n;
        Start = start;
    }

    /// <summary>Number of elements.</summary>
    public int N { get; }

    /// <summary>Smallest element.</summary>
    public int Start { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => [];

    /// <inheritdoc />
    public override bool Contains(int value) => value >= Start && (long)value < (long)Start + N;

    /// <inheritdoc />
    public override bool ContainsObject(object? value) => value switch
    {
        int i => Contains(i),
        long l => l >= Start && l < (long)Start + N,
        short s => Contains(s),
        sbyte b => Contains(b),
        byte b => Contains(b),
        _ => false,
    };

    /// <summary>Gymnasium's <c>sample()</c>: <c>start + integers(0, n)</c>.</summary>
    public override int Sample() => Start + (int)Random.Integers(0, N);

    /// <summary>
    /// Gymnasium's <c>sample(mask=mask)</c>: uniform over the allowed elements (mask value 1), or <see cref="Start"/>
    /// without drawing when none is allowed.
    /// </summary>
    public int Sample(ReadOnlySpan<sbyte> mask)
    {
        if (mask.Length != N)
        {
            throw new ArgumentException($"The mask must have shape ({N},); got length {mask.Length}.", nameof(mask));
        }

        var allowed = 0;
        foreach (var m in mask)
        {
            if (m is not (0 or 1))
            {
                throw new ArgumentException($"Mask values must be 0 or 1; got {m}.", nameof(mask));
            }

            allowed += m;
        }

        if (allowed == 0)
        {
            return Start;
        }

        // choice(np.where(mask == 1)[0]): the k-th allowed index for k = integers(0, count).
        var k = (int)Random.Integers(0, allowed);
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] == 1 && k-- == 0)
            {
                return Start + i;
            }
        }

        throw new InvalidOperationException("Unreachable: the chosen allowed index was not found.");
    }

    /// <summary>Gymnasium's <c>sample(probability=p)</c>: <c>start + choice(arange(n), p=p)</c>.</summary>
    public int Sample(ReadOnlySpan<double> probability)
    {
        if (probability.Length != N)
        {
            throw new ArgumentException($"The probability must have shape ({N},); got length {probability.Length}.", nameof(probability));
        }

        var sum = 0.0;
        foreach (var p in probability)
        {
            if (!(p is >= 0 and <= 1))
            {
                throw new ArgumentException($"Probabilities must lie in [0, 1]; got {p}.", nameof(probability));
            }

            sum += p;
        }

        // np.isclose(sum, 1): |sum - 1| <= 1e-8 + 1e-5.
        if (Math.Abs(sum - 1.0) > 1e-8 + 1e-5)
        {
            throw new ArgumentException($"Probabilities must sum to 1; they sum to {sum}.", nameof(probability));
        }

        return Start + Random.Categorical(probability);
    }

    /// <inheritdoc />
    public override string ToString() => Start != 0
        ? string.Create(CultureInfo.InvariantCulture, $"Discrete({N}, start={Start})")
        : string.Create(CultureInfo.InvariantCulture, $"Discrete({N})");
}
