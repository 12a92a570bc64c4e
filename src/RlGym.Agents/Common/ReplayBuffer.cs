namespace RlGym.Agents.Common;

/// <summary>
/// A circular buffer of transitions (encoded observation, discrete action, reward, next observation, terminated):
/// once full, each new transition overwrites the oldest. Samples uniformly with replacement.
/// </summary>
internal sealed class ReplayBuffer
{
    private readonly float[] _observations;
    private readonly float[] _nextObservations;
    private readonly long[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminations;
    private int _next;

    public ReplayBuffer(int capacity, int features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        Features = features;
        _observations = new float[capacity * features];
        _nextObservations = new float[capacity * features];
        _actions = new long[capacity];
        _rewards = new float[capacity];
        _terminations = new bool[capacity];
    }

    public int Capacity { get; }

    public int Features { get; }

    /// <summary>Transitions held (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Stores one transition, overwriting the oldest when full.</summary>
    public void Add(ReadOnlySpan<float> observation, int action, float reward, ReadOnlySpan<float> nextObservation, bool terminated)
    {
        observation.CopyTo(_observations.AsSpan(_next * Features, Features));
        nextObservation.CopyTo(_nextObservations.AsSpan(_next * Features, Features));
        _actions[_next] = action;
        _rewards[_next] = reward;
        _terminations[_next] = terminated;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Fills the batch arrays with <c>rewards.Length</c> transitions drawn uniformly (with replacement).</summary>
    /// <exception cref="InvalidOperationException">The buffer is empty.</exception>
    public void Sample(Random random, Span<float> observations, Span<long> actions, Span<float> rewards, Span<float> nextObservations, Span<float> terminations)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("Cannot sample from an empty replay buffer.");
        }

        for (var b = 0; b < rewards.Length; b++)
        {
            var k = random.Next(Count);
            _observations.AsSpan(k * Features, Features).CopyTo(observations.Slice(b * Features, Features));
            _nextObservations.AsSpan(k * Features, Features).CopyTo(nextObservations.Slice(b * Features, Features));
            actions[b] = _actions[k];
            rewards[b] = _rewards[k];
            terminations[b] = _terminations[k] ? 1f : 0f;
        }
    }
}
