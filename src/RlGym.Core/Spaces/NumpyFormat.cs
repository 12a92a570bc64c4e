using System.Globalization;

namespace RlGym.Core.Spaces;

/// <summary>
/// NumPy 1.x <c>str()</c> of scalars and arrays (default print options: precision 8, floatmode "maxprec", line width
/// 75), so that space descriptions read exactly like Gymnasium's <c>repr</c>.
/// </summary>
internal static class NumpyFormat
{
    private const int Precision = 8;
    private const int LineWidth = 75;

    /// <summary><c>str(np.float32(x))</c> / <c>str(np.float64(x))</c>: shortest round-trip digits, Python style.</summary>
    public static string FloatScalar(double value, bool isFloat32)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var (negative, digits, exponent) = ShortestDigits(value, isFloat32);
        var abs = Math.Abs(value);
        var sign = negative ? "-" : string.Empty;
        if (abs != 0 && (abs < 1e-4 || abs >= 1e16))
        {
            var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            var exp = exponent - 1;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }

        var positional = Positional(digits, exponent);
        return sign + (positional.Contains('.', StringComparison.Ordinal) ? positional : positional + ".0");
    }

    /// <summary><c>str(np.int64(x))</c> and friends.</summary>
    public static string IntegerScalar(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>str(np.bool_(x))</c>.</summary>
    public static string BoolScalar(bool value) => value ? "True" : "False";

    /// <summary><c>str(array)</c> for a float array of <paramref name="shape"/> (flat, row-major).</summary>
    public static string FloatArray(IReadOnlyList<double> values, IReadOnlyList<int> shape, bool isFloat32)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        var nonZero = finite.Where(v => v != 0).Select(Math.Abs).ToArray();
        var exponential = nonZero.Length > 0 && (nonZero.Max() >= 1e8 || nonZero.Min() < 1e-4 || nonZero.Max() / nonZero.Min() > 1000);

        Func<double, string> format;
        int padLeft;
        int padRight;
        if (finite.Length == 0)
        {
            padLeft = 0;
            padRight = 0;
            format = _ => string.Empty;
        }
        else if (exponential)
        {
            var parts = finite.Select(v => Scientific(v, isFloat32)).ToArray();
            var precision = parts.Max(p => p.Fraction.Length);
            var expSize = parts.Max(p => p.Exponent.Length);
            padLeft = parts.Max(p => p.Integer.Length);
            padRight = expSize + 2 + precision;
            var left = padLeft;
            format = v =>
            {
                var p = Scientific(v, isFloat32);
                var exp = p.Exponent.TrimStart('-').PadLeft(expSize, '0');
                return (p.Integer + "." + p.Fraction.PadRight(precision, '0')).PadLeft(left + 1 + precision) + "e" + (p.Exponent.StartsWith('-') ? "-" : "+") + exp;
            };
        }
        else
        {
            var parts = finite.Select(v => PositionalParts(v, isFloat32)).ToArray();
            padLeft = parts.Max(p => p.Integer.Length);
            padRight = parts.Max(p => p.Fraction.Length);
            var left = padLeft;
            var right = padRight;
            format = v =>
            {
                var p = PositionalParts(v, isFloat32);
                return p.Integer.PadLeft(left) + "." + p.Fraction.PadRight(right);
            };
        }

        if (finite.Length != values.Count)
        {
            var negativeInf = values.Any(v => double.IsNegativeInfinity(v));
            var offset = padRight + 1;
            padLeft = Math.Max(padLeft, Math.Max(3 - offset, 3 + (negativeInf ? 1 : 0) - offset));
        }

        var width = padLeft + padRight + 1;
        return FormatArray(values, shape, v => double.IsFinite(v) ? format(v) : NonFinite(v).PadLeft(width));
    }

    /// <summary><c>str(array)</c> for an integer array (right-aligned to the widest element).</summary>
    public static string IntegerArray(IReadOnlyList<long> values, IReadOnlyList<int> shape)
    {
        var width = values.Count == 0 ? 0 : values.Max(v => IntegerScalar(v).Length);
        return FormatArray(values, shape, v => IntegerScalar(v).PadLeft(width));
    }

    /// <summary><c>str(array)</c> for a bool array.</summary>
    public static string BoolArray(IReadOnlyList<bool> values, IReadOnlyList<int> shape)
    {
        var width = values.Any(v => !v) ? 5 : 4;
        return FormatArray(values, shape, v => BoolScalar(v).PadLeft(width));
    }

    /// <summary>A Python tuple of ints: <c>()</c>, <c>(4,)</c>, <c>(3, 4)</c>.</summary>
    public static string Shape(IReadOnlyList<int> shape) => shape.Count switch
    {
        0 => "()",
        1 => string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)"),
        _ => "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
    };

    private static string NonFinite(double value) => double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    // numpy's _formatArray: nested brackets, ' ' separators, wrapping at the line width with a hanging indent.
    private static string FormatArray<T>(IReadOnlyList<T> values, IReadOnlyList<int> shape, Func<T, string> formatElement)
    {
        var dims = shape.Count == 0 ? [values.Count] : shape.ToArray();
        return Recurse(0, 0, " ", LineWidth);

        string Recurse(int axis, int offset, string hangingIndent, int currentWidth)
        {
            var axesLeft = dims.Length - axis;
            var count = dims[axis];
            var stride = 1;
            for (var d = axis + 1; d < dims.Length; d++)
            {
                stride *= dims[d];
            }

            var nextHangingIndent = hangingIndent + " ";
            var nextWidth = currentWidth - 1;
            string s;
            if (axesLeft == 1)
            {
                var elementWidth = currentWidth - 1;
                s = string.Empty;
                var line = hangingIndent;
                for (var i = 0; i < count; i++)
                {
                    var word = formatElement(values[offset + i]);
                    (s, line) = ExtendLine(s, line, word, elementWidth, hangingIndent);
                    if (i < count - 1)
                    {
                        line += " ";
                    }
                }

                s += line;
            }
            else
            {
                s = string.Empty;
                var lineSeparator = new string('\n', axesLeft - 1);
                for (var i = 0; i < count; i++)
                {
                    var nested = Recurse(axis + 1, offset + (i * stride), nextHangingIndent, nextWidth);
                    s += hangingIndent + nested + (i < count - 1 ? lineSeparator : string.Empty);
                }
            }

            return "[" + s[hangingIndent.Length..] + "]";
        }
    }

    private static (string S, string Line) ExtendLine(string s, string line, string word, int lineWidth, string nextLinePrefix)
    {
        var needsWrap = line.Length + word.Length > lineWidth && line.Length > nextLinePrefix.Length;
        if (needsWrap)
        {
            s += line.TrimEnd() + "\n";
            line = nextLinePrefix;
        }

        return (s, line + word);
    }

    // Shortest round-trip decimal digits of the value (as float32 when asked): sign, digits without leading or
    // trailing zeros ("0" for zero), and the decimal exponent such that value = 0.digits * 10^exponent.
    private static (bool Negative, string Digits, int Exponent) ShortestDigits(double value, bool isFloat32)
    {
        var shortest = isFloat32
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        shortest = shortest.TrimStart('-');
        int exponent;
        string mantissa;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = shortest;
            exponent = 0;
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = point >= 0 ? mantissa[..point] : mantissa;
        var fracPart = point >= 0 ? mantissa[(point + 1)..] : string.Empty;
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        exponent += intPart.Length - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return (negative, "0", 1);
        }

        return (negative, digits, exponent);
    }

    private static string Positional(string digits, int exponent)
    {
        if (digits == "0")
        {
            return "0";
        }

        if (exponent <= 0)
        {
            return "0." + new string('0', -exponent) + digits;
        }

        if (exponent >= digits.Length)
        {
            return digits + new string('0', exponent - digits.Length);
        }

        return digits[..exponent] + "." + digits[exponent..];
    }

    // dragon4_positional(x, precision=8, unique=True, trim='.'), split at the point.
    private static (string Integer, string Fraction) PositionalParts(double value, bool isFloat32)
    {
        var (negative, digits, exponent) = ShortestDigits(value, isFloat32);
        var fractionDigits = Math.Max(0, digits.Length - Math.Max(exponent, 0));
        if (digits != "0" && fractionDigits > Precision)
        {
            // More digits than the precision allows: round the value to 8 decimals.
            var rounded = Math.Abs(value).ToString("F8", CultureInfo.InvariantCulture).TrimEnd('0');
            var dot = rounded.IndexOf('.', StringComparison.Ordinal);
            return ((negative ? "-" : string.Empty) + rounded[..dot], rounded[(dot + 1)..]);
        }

        var text = Positional(digits, exponent);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var integer = point >= 0 ? text[..point] : text;
        var fraction = point >= 0 ? text[(point + 1)..] : string.Empty;
        return ((negative ? "-" : string.Empty) + integer, fraction);
    }

    // dragon4_scientific(x, precision=8, unique=True): integer digit, fraction digits, exponent (signed).
    private static (string Integer, string Fraction, string Exponent) Scientific(double value, bool isFloat32)
    {
        var (negative, digits, exponent) = ShortestDigits(value, isFloat32);
        if (digits.Length - 1 > Precision)
        {
            var rounded = Math.Abs(value).ToString("E8", CultureInfo.InvariantCulture);
            var mantissa = rounded[..rounded.IndexOf('E', StringComparison.Ordinal)].Replace(".", string.Empty, StringComparison.Ordinal).TrimEnd('0');
            var exp = int.Parse(rounded[(rounded.IndexOf('E', StringComparison.Ordinal) + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            digits = mantissa.Length == 0 ? "0" : mantissa;
            exponent = exp + 1;
        }

        var e = digits == "0" ? 0 : exponent - 1;
        var expText = Math.Abs(e).ToString("00", CultureInfo.InvariantCulture);
        return ((negative ? "-" : string.Empty) + digits[..1], digits[1..], (e < 0 ? "-" : string.Empty) + expText);
    }
}
