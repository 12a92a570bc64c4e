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
        else
        {
            target.SetValue(value, index);
        }
    }
}
