using System.Collections;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;

namespace RlGym.Environments.Tests.Vectorized;

/// <summary>Bit-for-bit comparisons of vector results: arrays by their bytes, info dicts recursively.</summary>
internal static class VectorAssert
{
    /// <summary>Same element type, same length, same bytes (so -0.0 differs from 0.0 and NaN payloads count).</summary>
    public static void BitEqual(object expected, object actual, string what)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        var e = Bytes((Array)expected);
        var a = Bytes((Array)actual);
        if (!e.AsSpan().SequenceEqual(a))
        {
            var index = e.AsSpan().CommonPrefixLength(a);
            var elementSize = Buffer.ByteLength((Array)expected) / Math.Max(1, ((Array)expected).Length);
            var element = index / Math.Max(1, elementSize);
            Assert.Fail($"{what}: element {element} differs: expected {((Array)expected).GetValue(element)}, got {((Array)actual).GetValue(element)}.");
        }
    }

    /// <summary>Same keys; values equal bit for bit (arrays), recursively (dicts) or element by element (object arrays).</summary>
    public static void InfoEqual(IReadOnlyDictionary<string, object> expected, IReadOnlyDictionary<string, object> actual, string what)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected)
        {
            ValueEqual(value, actual[key], $"{what}[{key}]");
        }
    }

    private static void ValueEqual(object? expected, object? actual, string what)
    {
        switch (expected)
        {
            case null:
                Assert.Null(actual);
                break;
            case IReadOnlyDictionary<string, object> dict:
                InfoEqual(dict, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(actual), what);
                break;
            case object?[] objects:
                var actualObjects = Assert.IsType<object?[]>(actual);
                Assert.Equal(objects.Length, actualObjects.Length);
                for (var i = 0; i < objects.Length; i++)
                {
                    ValueEqual(objects[i], actualObjects[i], $"{what}[{i}]");
                }

                break;
            case Array array when array.GetType().GetElementType()!.IsPrimitive:
                Assert.NotNull(actual);
                BitEqual(array, actual, what);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }

    private static byte[] Bytes(Array array)
    {
        var bytes = new byte[Buffer.ByteLength(array)];
        Buffer.BlockCopy(array, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>Shorthand for tests that hold results as untyped arrays.</summary>
    public static bool[] Or(bool[] a, bool[] b) => a.Zip(b, (x, y) => x || y).ToArray();

    /// <summary>True when any flag is set.</summary>
    public static bool Any(IEnumerable flags) => flags.Cast<bool>().Any(f => f);
}
