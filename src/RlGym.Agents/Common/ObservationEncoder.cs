using RlGym.Core.Spaces;

namespace RlGym.Agents.Common;

/// <summary>
/// Turns observations into the float feature vectors networks read: Box values cast to float (bool as 0/1),
/// Discrete as one-hot, MultiBinary as 0/1, a Tuple of those concatenated. Works on one observation or on a vector
/// environment's batch (copy index first), writing into caller-owned buffers so rollouts allocate nothing.
/// </summary>
internal sealed class ObservationEncoder
{
    private readonly Space _space;
    private readonly ObservationEncoder[] _parts;

    public ObservationEncoder(Space space)
    {
        _space = space;
        _parts = space is TupleSpace tuple ? tuple.Spaces.Select(s => new ObservationEncoder(s)).ToArray() : [];
        Features = space switch
        {
            Discrete d => d.N,
            MultiBinary m => m.Size,
            TupleSpace => _parts.Sum(p => p.Features),
            IBox box => box.Size,
            _ => throw new ArgumentException(
                $"Networks cannot read observations of {space}; supported: Box, Discrete (one-hot), MultiBinary and Tuples of them."),
        };
    }

    /// <summary>Floats per observation.</summary>
    public int Features { get; }

    /// <summary>Encodes one observation into <paramref name="destination"/> (<see cref="Features"/> floats).</summary>
    public void Encode(object observation, Span<float> destination)
    {
        switch (_space, observation)
        {
            case (Discrete d, int index):
                destination.Clear();
                destination[index - d.Start] = 1f;
                break;
            case (TupleSpace, object[] items):
                var offset = 0;
                for (var k = 0; k < _parts.Length; k++)
                {
                    _parts[k].Encode(items[k], destination.Slice(offset, _parts[k].Features));
                    offset += _parts[k].Features;
                }

                break;
            case (_, Array array) when array.Length == Features:
                CopyRow(array, 0, destination);
                break;
            default:
                throw new ArgumentException(
                    $"An observation of {_space} must be {Expected()}; got {Describe(observation)}.", nameof(observation));
        }
    }

    /// <summary>Encodes a batch of <paramref name="count"/> observations (a vector environment's layout) into <paramref name="destination"/>.</summary>
    public void EncodeBatch(object batch, int count, Span<float> destination)
    {
        switch (_space, batch)
        {
            case (Discrete d, int[] indices):
                destination[..(count * Features)].Clear();
                for (var i = 0; i < count; i++)
                {
                    destination[(i * Features) + indices[i] - d.Start] = 1f;
                }

                break;
            case (TupleSpace, object[] parts):
                var offset = 0;
                var row = new float[Features];
                for (var i = 0; i < count; i++)
                {
                    offset = 0;
                    for (var k = 0; k < _parts.Length; k++)
                    {
                        var item = Core.Vector.SpaceBatching.Read(((TupleSpace)_space).Spaces[k], parts[k], i);
                        _parts[k].Encode(item, row.AsSpan(offset, _parts[k].Features));
                        offset += _parts[k].Features;
                    }

                    row.CopyTo(destination.Slice(i * Features, Features));
                }

                break;
            case (_, float[] floats):
                floats.AsSpan(0, count * Features).CopyTo(destination);
                break;
            case (_, Array array) when array.Length >= count * Features:
                for (var i = 0; i < count; i++)
                {
                    CopyRow(array, i * Features, destination.Slice(i * Features, Features));
                }

                break;
            default:
                throw new ArgumentException($"A batch of {count} observations of {_space} has the wrong type or size: {Describe(batch)}.", nameof(batch));
        }
    }

    private void CopyRow(Array source, int start, Span<float> destination)
    {
        switch (source)
        {
            case float[] f:
                f.AsSpan(start, Features).CopyTo(destination);
                break;
            case double[] d:
                for (var j = 0; j < Features; j++) { destination[j] = (float)d[start + j]; }
                break;
            case bool[] b:
                for (var j = 0; j < Features; j++) { destination[j] = b[start + j] ? 1f : 0f; }
                break;
            case byte[] u:
                for (var j = 0; j < Features; j++) { destination[j] = u[start + j]; }
                break;
            case sbyte[] s:
                for (var j = 0; j < Features; j++) { destination[j] = s[start + j]; }
                break;
            case short[] s16:
                for (var j = 0; j < Features; j++) { destination[j] = s16[start + j]; }
                break;
            case int[] i32:
                for (var j = 0; j < Features; j++) { destination[j] = i32[start + j]; }
                break;
            case long[] i64:
                for (var j = 0; j < Features; j++) { destination[j] = i64[start + j]; }
                break;
            default:
                throw new ArgumentException($"Observations of {_space} cannot be {source.GetType().Name}.");
        }
    }

    private string Expected() => _space switch
    {
        Discrete => "an int",
        TupleSpace => "an object[] of its parts",
        _ => $"an array of {Features} elements",
    };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        Array a => $"{a.GetType().Name} of {a.Length}",
        _ => value.GetType().Name,
    };
}
