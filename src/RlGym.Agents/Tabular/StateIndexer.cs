using RlGym.Core.Spaces;
using RlGym.Core.Vector;

namespace RlGym.Agents.Tabular;

/// <summary>Numbers the states of a Discrete observation space, or of a Tuple of Discrete spaces (mixed radix, as Blackjack's).</summary>
internal sealed class StateIndexer
{
    private readonly Space _space;
    private readonly Discrete[] _parts;

    public StateIndexer(Space space)
    {
        _space = space;
        _parts = space switch
        {
            Discrete d => [d],
            TupleSpace t when t.Spaces.All(s => s is Discrete) => t.Spaces.Cast<Discrete>().ToArray(),
            _ => throw new ArgumentException($"Tabular methods need Discrete observations (or a Tuple of Discrete spaces); got {space}."),
        };
        Count = _parts.Aggregate(1, (n, d) => checked(n * d.N));
    }

    /// <summary>Number of states.</summary>
    public int Count { get; }

    /// <summary>The index of one observation.</summary>
    public int Index(object observation) => observation switch
    {
        int i when _parts.Length == 1 => i - _parts[0].Start,
        object[] items when items.Length == _parts.Length => Combine(k => Convert.ToInt32(items[k], System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"An observation of {_space} must be {(_parts.Length == 1 ? "an int" : "an object[] of ints")}; got {observation?.GetType().Name ?? "null"}.", nameof(observation)),
    };

    /// <summary>Writes the index of each copy's observation in a vector environment's batch.</summary>
    public void IndexBatch(object batch, Span<int> destination)
    {
        if (batch is int[] indices && _parts.Length == 1)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = indices[i] - _parts[0].Start;
            }

            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Index(SpaceBatching.Read(_space, batch, i));
        }
    }

    private int Combine(Func<int, int> value)
    {
        var index = 0;
        for (var k = 0; k < _parts.Length; k++)
        {
            index = (index * _parts[k].N) + value(k) - _parts[k].Start;
        }

        return index;
    }
}
