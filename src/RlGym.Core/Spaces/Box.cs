using System.Runtime.CompilerServices;
using RlGym.Core.Random;

namespace RlGym.Core.Spaces;

/// <summary>
/// gymnasium.spaces.Box: an array of <see cref="Shape"/> with element-wise bounds. Values are flat row-major arrays of
/// <typeparamref name="T"/> (<c>float</c> = float32, <c>double</c>, <c>byte</c> = uint8, <c>sbyte</c>, <c>short</c>,
/// <c>int</c>, <c>long</c>, <c>bool</c>).
/// </summary>
public sealed class Box<T> : Space<T[]>, IBox
    where T : unmanaged
{
    private readonly int[] _shape;
    private readonly T[] _low;
    private readonly T[] _high;
    private readonly double[] _lowWide;
    private readonly double[] _highWide;
    private readonly bool[] _boundedBelow;
    private readonly bool[] _boundedAbove;

    // Element indices by interval class, in index order: Gymnasium draws class by class.
    private readonly int[] _unbounded;
    private readonly int[] _lowerBounded;
    private readonly int[] _upperBounded;
    private readonly int[] _bounded;

    // The upper bound Gymnasium samples with: high for floats, high.astype(int64) + 1 for integer and bool dtypes.
    private readonly double[] _sampleHigh;

    /// <summary>The same bounds for every element (Gymnasium's <c>Box(low, high, shape, dtype)</c>).</summary>
    public Box(double low, double high, int[] shape)
        : this(Fill(low, shape), Fill(high, shape), shape)
    {
    }

    /// <summary>Element-wise bounds; <paramref name="shape"/> defaults to <c>[low.Length]</c>. Bounds are cast to the dtype.</summary>
    public Box(double[] low, double[] high, int[]? shape = null)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        DType = DTypeOf();
        _shape = shape is null ? [low.Length] : [.. shape];
        if (_shape.Any(d => d < 0))
        {
            throw new ArgumentException($"Box shape dimensions must be non-negative; got {NumpyFormat.Shape(_shape)}.", nameof(shape));
        }

        var size = _shape.Aggregate(1, (a, b) => checked(a * b));
        if (low.Length != size || high.Length != size)
        {
            throw new ArgumentException(
                $"Box low ({low.Length} values) and high ({high.Length} values) must each have {size} values for shape {NumpyFormat.Shape(_shape)}.");
        }

        var (dtypeMin, dtypeMax) = DTypeRange();
        _boundedBelow = new bool[size];
        _boundedAbove = new bool[size];
        _low = new T[size];
        _high = new T[size];
        for (var i = 0; i < size; i++)
        {
            _boundedBelow[i] = CastBound(low[i], dtypeMin, dtypeMax, below: true, out _low[i]);
            _boundedAbove[i] = CastBound(high[i], dtypeMin, dtypeMax, below: false, out _high[i]);
        }

        _lowWide = _low.Select(ToDouble).ToArray();
        _highWide = _high.Select(ToDouble).ToArray();
        for (var i = 0; i < size; i++)
        {
            if (IsGreater(_low[i], _high[i]))
            {
                throw new ArgumentException(
                    $"Box low must be <= high everywhere; element {i} has low={_lowWide[i]} > high={_highWide[i]}.");
            }
        }

        var isFloat = DType is DType.Float32 or DType.Float64;
        _sampleHigh = isFloat ? [.. _highWide] : _high.Select(h => (double)unchecked(ToInt64(h) + 1)).ToArray();
        _unbounded = Indices(i => !_boundedBelow[i] && !_boundedAbove[i]);
        _upperBounded = Indices(i => !_boundedBelow[i] && _boundedAbove[i]);
        _lowerBounded = Indices(i => _boundedBelow[i] && !_boundedAbove[i]);
        _bounded = Indices(i => _boundedBelow[i] && _boundedAbove[i]);

        int[] Indices(Func<int, bool> predicate) => Enumerable.Range(0, size).Where(predicate).ToArray();
    }

    /// <summary>Element type.</summary>
    public DType DType { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => _shape;

    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    public int Size => _low.Length;

    /// <summary>Lower bounds (as stored in the dtype, widened to double; -inf where unbounded).</summary>
    public IReadOnlyList<double> Low => _lowWide;

    /// <summary>Upper bounds (as stored in the dtype, widened to double; +inf where unbounded).</summary>
    public IReadOnlyList<double> High => _highWide;

    /// <summary>Lower bounds as stored in the dtype.</summary>
    public IReadOnlyList<T> LowValues => _low;

    /// <summary>Upper bounds as stored in the dtype.</summary>
    public IReadOnlyList<T> HighValues => _high;

    /// <summary>Per element: the given lower bound was finite (Gymnasium's <c>bounded_below</c>).</summary>
    public IReadOnlyList<bool> BoundedBelow => _boundedBelow;

    /// <summary>Per element: the given upper bound was finite (Gymnasium's <c>bounded_above</c>).</summary>
    public IReadOnlyList<bool> BoundedAbove => _boundedAbove;

    /// <summary>Gymnasium's <c>is_bounded("both")</c>.</summary>
    public bool IsBounded => IsBoundedBelow && IsBoundedAbove;

    /// <summary>Gymnasium's <c>is_bounded("below")</c>.</summary>
    public bool IsBoundedBelow => _boundedBelow.All(b => b);

    /// <summary>Gymnasium's <c>is_bounded("above")</c>.</summary>
    public bool IsBoundedAbove => _boundedAbove.All(b => b);

    /// <summary>Gymnasium's <c>is_bounded(manner)</c> with manner "both", "below" or "above".</summary>
    public bool IsBoundedIn(string manner) => manner switch
    {
        "both" => IsBounded,
        "below" => IsBoundedBelow,
        "above" => IsBoundedAbove,
        _ => throw new ArgumentException($"manner must be one of 'both', 'below', 'above'; got '{manner}'.", nameof(manner)),
    };

    /// <summary>Shape matches (as a flat length), and every element lies within [low, high] (NaN never does).</summary>
    public override bool Contains(T[] value)
    {
        if (value is null || value.Length != _low.Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (!IsWithin(value[i], i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Gymnasium's <c>sample()</c>: normal draws for unbounded elements, then <c>low + exponential</c> for those bounded
    /// only below, <c>high - exponential</c> for those bounded only above, then one <c>uniform(low, high)</c> for the
    /// bounded ones; integer dtypes sample <c>[low, high + 1)</c>, floor and clip; the result is cast to the dtype.
    /// </summary>
    public override T[] Sample()
    {
        var rng = Random;
        var result = new T[_low.Length];
        foreach (var i in _unbounded)
        {
            result[i] = FromSample(rng.StandardNormal());
        }

        foreach (var i in _lowerBounded)
        {
            result[i] = FromSample(rng.StandardExponential() + _lowWide[i]);
        }

        foreach (var i in _upperBounded)
        {
            result[i] = FromSample(-rng.StandardExponential() + _sampleHigh[i]);
        }

        foreach (var i in _bounded)
        {
            if (!double.IsFinite(_sampleHigh[i] - _lowWide[i]))
            {
                throw new InvalidOperationException(
                    $"Cannot sample {this}: high - low of element {i} overflows float64 (NumPy raises OverflowError here).");
            }
        }

        foreach (var i in _bounded)
        {
            result[i] = FromSample(_lowWide[i] + ((_sampleHigh[i] - _lowWide[i]) * rng.Random()));
        }

        if (DType == DType.Int64)
        {
            // float64 cannot hold every int64: clip again to the bounds as Gymnasium does.
            for (var i = 0; i < result.Length; i++)
            {
                var v = ToInt64(result[i]);
                v = Math.Clamp(v, ToInt64(_low[i]), ToInt64(_high[i]));
                result[i] = Unsafe.As<long, T>(ref v);
            }
        }

        return result;
    }

    /// <summary><c>Box(low, high, shape, dtype)</c> with scalar bounds when all equal, as Gymnasium's repr.</summary>
    public override string ToString() =>
        $"Box({BoundsRepr(_low, _lowWide)}, {BoundsRepr(_high, _highWide)}, {NumpyFormat.Shape(_shape)}, {DType.NumpyName()})";

    private string BoundsRepr(T[] values, double[] wide)
    {
        var uniform = values.Length != 0 && wide.All(v => v.Equals(wide[0])) && values.All(v => ToInt64(v) == ToInt64(values[0]));
        return DType switch
        {
            DType.Float32 when uniform => NumpyFormat.FloatScalar(wide[0], isFloat32: true),
            DType.Float64 when uniform => NumpyFormat.FloatScalar(wide[0], isFloat32: false),
            DType.Bool when uniform => NumpyFormat.BoolScalar(wide[0] != 0),
            _ when uniform => NumpyFormat.IntegerScalar(ToInt64(values[0])),
            DType.Float32 => NumpyFormat.FloatArray(wide, _shape, isFloat32: true),
            DType.Float64 => NumpyFormat.FloatArray(wide, _shape, isFloat32: false),
            DType.Bool => NumpyFormat.BoolArray(wide.Select(v => v != 0).ToArray(), _shape),
            _ => NumpyFormat.IntegerArray(values.Select(ToInt64).ToArray(), _shape),
        };
    }

    private static double[] Fill(double value, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var size = shape.Aggregate(1, (a, b) => checked(a * Math.Max(b, 0)));
        return Enumerable.Repeat(value, size).ToArray();
    }

    private static DType DTypeOf()
    {
        if (typeof(T) == typeof(float))
        {
            return DType.Float32;
        }

        if (typeof(T) == typeof(double))
        {
            return DType.Float64;
        }

        if (typeof(T) == typeof(byte))
        {
            return DType.UInt8;
        }

        if (typeof(T) == typeof(sbyte))
        {
            return DType.Int8;
        }

        if (typeof(T) == typeof(short))
        {
            return DType.Int16;
        }

        if (typeof(T) == typeof(int))
        {
            return DType.Int32;
        }

        if (typeof(T) == typeof(long))
        {
            return DType.Int64;
        }

        if (typeof(T) == typeof(bool))
        {
            return DType.Bool;
        }

        throw new NotSupportedException(
            $"Box<{typeof(T).Name}> is not supported; use float, double, byte, sbyte, short, int, long or bool.");
    }

    private (double Min, double Max) DTypeRange() => DType switch
    {
        DType.Float32 => (float.MinValue, float.MaxValue),
        DType.Float64 => (double.MinValue, double.MaxValue),
        DType.UInt8 => (byte.MinValue, byte.MaxValue),
        DType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        DType.Int16 => (short.MinValue, short.MaxValue),
        DType.Int32 => (int.MinValue, int.MaxValue),
        DType.Int64 => (long.MinValue, long.MaxValue),
        _ => (0, 1),
    };

    // Gymnasium's _cast_low/_cast_high for one element: returns whether the given bound was finite.
    private bool CastBound(double bound, double dtypeMin, double dtypeMax, bool below, out T stored)
    {
        var name = below ? "low" : "high";
        if (double.IsNaN(bound))
        {
            throw new ArgumentException($"No Box {name} value can be NaN.");
        }

        if (double.IsInfinity(bound))
        {
            var unboundedSide = below ? double.IsNegativeInfinity(bound) : double.IsPositiveInfinity(bound);
            if (DType is DType.Float32 or DType.Float64)
            {
                stored = ToT(bound);
                return !unboundedSide;
            }

            if (!unboundedSide)
            {
                throw new ArgumentException($"Box {name}={bound} is out of the range of {DType.NumpyName()}.");
            }

            if (DType is DType.UInt8 or DType.Bool)
            {
                throw new ArgumentException(
                    $"Box {DType.NumpyName()} (unsigned or bool) does not support an infinite {name}; got {name}={bound}.");
            }

            // Signed integers store the dtype's extreme for an infinite bound.
            stored = DType == DType.Int64 ? FromInt64(below ? long.MinValue : long.MaxValue) : ToT(below ? dtypeMin : dtypeMax);
            return false;
        }

        if (bound < dtypeMin || bound > dtypeMax)
        {
            throw new ArgumentException(
                $"Box {name}={bound} is out of the range of {DType.NumpyName()} [{dtypeMin}, {dtypeMax}].");
        }

        stored = ToT(bound);
        return true;
    }

    private bool IsWithin(T value, int i)
    {
        if (typeof(T) == typeof(long))
        {
            var v = Unsafe.As<T, long>(ref value);
            return v >= ToInt64(_low[i]) && v <= ToInt64(_high[i]);
        }

        var d = ToDouble(value);
        return d >= _lowWide[i] && d <= _highWide[i];
    }

    private static bool IsGreater(T a, T b) =>
        typeof(T) == typeof(long) ? ToInt64(a) > ToInt64(b) : ToDouble(a) > ToDouble(b);

    // float64 sample -> dtype, as Gymnasium: floor for integer and bool kinds, clip signed to [min+2, max-2] and
    // unsigned to [min, max], then astype.
    private T FromSample(double sample)
    {
        switch (DType)
        {
            case DType.Float32:
            case DType.Float64:
                return ToT(sample);
            case DType.Bool:
                return ToT(Math.Floor(sample));
            case DType.UInt8:
                return ToT(Math.Clamp(Math.Floor(sample), byte.MinValue, byte.MaxValue));
            default:
                var (min, max) = DTypeRange();
                return ToT(Math.Clamp(Math.Floor(sample), min + 2, max - 2));
        }
    }

    private static double ToDouble(T value)
    {
        if (typeof(T) == typeof(float))
        {
            return Unsafe.As<T, float>(ref value);
        }

        if (typeof(T) == typeof(double))
        {
            return Unsafe.As<T, double>(ref value);
        }

        if (typeof(T) == typeof(byte))
        {
            return Unsafe.As<T, byte>(ref value);
        }

        if (typeof(T) == typeof(sbyte))
        {
            return Unsafe.As<T, sbyte>(ref value);
        }

        if (typeof(T) == typeof(short))
        {
            return Unsafe.As<T, short>(ref value);
        }

        if (typeof(T) == typeof(int))
        {
            return Unsafe.As<T, int>(ref value);
        }

        if (typeof(T) == typeof(long))
        {
            return Unsafe.As<T, long>(ref value);
        }

        return Unsafe.As<T, bool>(ref value) ? 1.0 : 0.0;
    }

    private static long ToInt64(T value) =>
        typeof(T) == typeof(long) ? Unsafe.As<T, long>(ref value) : (long)ToDouble(value);

    private static T FromInt64(long value) => Unsafe.As<long, T>(ref value);

    // NumPy's float64 -> dtype cast (C cast: truncation toward zero for integers, nonzero for bool).
    private static T ToT(double value)
    {
        if (typeof(T) == typeof(float))
        {
            var f = (float)value;
            return Unsafe.As<float, T>(ref f);
        }

        if (typeof(T) == typeof(double))
        {
            return Unsafe.As<double, T>(ref value);
        }

        if (typeof(T) == typeof(byte))
        {
            var b = (byte)value;
            return Unsafe.As<byte, T>(ref b);
        }

        if (typeof(T) == typeof(sbyte))
        {
            var b = (sbyte)value;
            return Unsafe.As<sbyte, T>(ref b);
        }

        if (typeof(T) == typeof(short))
        {
            var s = (short)value;
            return Unsafe.As<short, T>(ref s);
        }

        if (typeof(T) == typeof(int))
        {
            var n = (int)value;
            return Unsafe.As<int, T>(ref n);
        }

        if (typeof(T) == typeof(long))
        {
            var l = (long)value;
            return Unsafe.As<long, T>(ref l);
        }

        var flag = value != 0;
        return Unsafe.As<bool, T>(ref flag);
    }
}
