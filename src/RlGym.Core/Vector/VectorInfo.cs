using System.Globalization;

namespace RlGym.Core.Vector;

/// <summary>
/// Builds a vector environment's info dict from the copies' info dicts the way Gymnasium's <c>VectorEnv._add_info</c>
/// does: each key becomes an array over copies (long[] / double[] / bool[] / float[] for scalars, a rectangular
/// <c>T[copies, length]</c> for arrays, <c>object?[]</c> otherwise), nested dicts recurse, and a <c>_key</c> bool[]
/// mask says which copies supplied the key. <c>final_obs</c> is always an <c>object?[]</c>.
/// </summary>
public sealed class VectorInfo
{
    private readonly int _numEnvs;
    private readonly Dictionary<string, object> _entries = [];

    /// <summary>An empty info dict for <paramref name="numEnvs"/> copies.</summary>
    public VectorInfo(int numEnvs) => _numEnvs = numEnvs;

    /// <summary>True when no copy supplied any key.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Adds copy <paramref name="index"/>'s info.</summary>
    public void Add(IReadOnlyDictionary<string, object> info, int index)
    {
        foreach (var (key, value) in info)
        {
            AddEntry(key, value, index);
        }
    }

    /// <summary>Adds one key of copy <paramref name="index"/>.</summary>
    public void AddEntry(string key, object? value, int index)
    {
        if (key == "final_obs")
        {
            Slot<object?[]>(key, () => new object?[_numEnvs])[index] = value;
        }
        else if (value is IReadOnlyDictionary<string, object> nested)
        {
            Slot(key, () => new VectorInfo(_numEnvs)).Add(nested, index);
        }
        else
        {
            var array = Slot(key, () => CreateArray(value));
            Store(array, index, value);
        }

        Slot($"_{key}", () => new bool[_numEnvs])[index] = true;
    }

    /// <summary>The finished dict (nested infos become dicts too).</summary>
    public IReadOnlyDictionary<string, object> ToDictionary() =>
        _entries.ToDictionary(kv => kv.Key, kv => kv.Value is VectorInfo nested ? nested.ToDictionary() : kv.Value);

    /// <summary>
    /// The info dicts of several vector environments as the info dict of one whose copies are theirs in order (part k
    /// has <c>counts[k]</c> copies). Arrays are joined along the copy axis; a key some parts lack is left at its
    /// default there, and its <c>_key</c> mask says so; nested dicts are joined key by key. Values whose arrays differ in
    /// element type or row length become an <c>object?[]</c> of per-copy values.
    /// </summary>
    /// <exception cref="ArgumentException">The counts do not match the parts, or a key is a dict in one part and not in another.</exception>
    public static IReadOnlyDictionary<string, object> Concatenate(IReadOnlyList<IReadOnlyDictionary<string, object>> parts, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(counts);
        if (parts.Count != counts.Count)
        {
            throw new ArgumentException($"Got {parts.Count} info dicts but {counts.Count} copy counts; give one count per dict.", nameof(counts));
        }

        var total = counts.Sum();
        var keys = parts.SelectMany(p => p.Keys).Distinct().ToArray();
        var result = new Dictionary<string, object>(keys.Length);
        foreach (var key in keys)
        {
            var values = parts.Select(p => p.TryGetValue(key, out var v) ? v : null).ToArray();
            if (values.Any(v => v is IReadOnlyDictionary<string, object>))
            {
                var nested = values.Select(v => v switch
                {
                    null => EmptyInfo,
                    IReadOnlyDictionary<string, object> dict => dict,
                    _ => throw new ArgumentException($"Info key '{key}' is a dict in one part and a {v.GetType().Name} in another."),
                }).ToArray();
                result[key] = Concatenate(nested, counts);
            }
            else
            {
                result[key] = ConcatenateArrays(key, values, counts, total);
            }
        }

        return result;
    }

    private static readonly IReadOnlyDictionary<string, object> EmptyInfo = new Dictionary<string, object>();

    private static Array ConcatenateArrays(string key, object?[] values, IReadOnlyList<int> counts, int total)
    {
        var arrays = values.Select((v, k) => v switch
        {
            null => null,
            Array array when array.GetLength(0) == counts[k] => array,
            _ => throw new ArgumentException($"Info key '{key}' of part {k} is not an array over its {counts[k]} copies: {Formatting.Describe(v)}."),
        }).ToArray();
        var present = arrays.OfType<Array>().ToArray();
        var first = present[0];
        var element = first.GetType().GetElementType()!;
        var uniform = present.All(a => a.GetType().GetElementType() == element && a.Rank == first.Rank
            && (a.Rank == 1 || (a.Rank == 2 && a.GetLength(1) == first.GetLength(1))));
        if (uniform && first.Rank <= 2)
        {
            var width = first.Rank == 2 ? first.GetLength(1) : 1;
            var joined = first.Rank == 2 ? Array.CreateInstance(element, total, width) : Array.CreateInstance(element, total);
            long offset = 0;
            for (var k = 0; k < arrays.Length; k++)
            {
                if (arrays[k] is { } array)
                {
                    Array.Copy(array, 0, joined, offset * width, array.Length);
                }

                offset += counts[k];
            }

            return joined;
        }

        // Parts disagree on the element type or row length: one object per copy.
        var objects = new object?[total];
        var index = 0;
        for (var k = 0; k < arrays.Length; k++)
        {
            for (var i = 0; i < counts[k]; i++, index++)
            {
                objects[index] = arrays[k] is not { } array ? null : array.Rank == 1 ? array.GetValue(i) : Row(array, i);
            }
        }

        return objects;
    }

    private static Array Row(Array matrix, int row)
    {
        var width = matrix.GetLength(1);
        var result = Array.CreateInstance(matrix.GetType().GetElementType()!, width);
        for (var j = 0; j < width; j++)
        {
            result.SetValue(matrix.GetValue(row, j), j);
        }

        return result;
    }

    private T Slot<T>(string key, Func<T> create)
        where T : class
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            return existing as T ?? throw new InvalidOperationException($"Info key '{key}' changed kind between copies.");
        }

        var created = create();
        _entries[key] = created;
        return created;
    }

    private Array CreateArray(object? value) => value switch
    {
        long or int or double or float or bool or byte or sbyte or short => Array.CreateInstance(value.GetType(), _numEnvs),
        Array { Rank: 1 } array => Array.CreateInstance(array.GetType().GetElementType()!, _numEnvs, array.Length),
        _ => new object?[_numEnvs],
    };

    private static void Store(Array target, int index, object? value)
    {
        if (target.Rank == 2 && value is Array { Rank: 1 } row && row.Length == target.GetLength(1))
        {
            Buffer.BlockCopy(row, 0, target, index * Buffer.ByteLength(row), Buffer.ByteLength(row));
        }
        else if (target is object?[] objects)
        {
            objects[index] = value;
        }
        else if (value is double or float && target.GetType().GetElementType() is { } element && element != value.GetType() && (element == typeof(long) || element == typeof(int)))
        {
            // The array took its type from the first copy (FrozenLake's reset info is {"prob": 1}, an int) and a later
            // copy's value is a float: as Gymnasium's numpy array does, store it cast to the array's type (truncated).
            target.SetValue(Convert.ChangeType(Math.Truncate(Convert.ToDouble(value, CultureInfo.InvariantCulture)), element, CultureInfo.InvariantCulture), index);
        }
        else
        {
            target.SetValue(value, index);
        }
    }
}
