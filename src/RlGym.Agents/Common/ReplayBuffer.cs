namespace RlGym.Agents.Common;

/// <summary>
/// A circular buffer of transitions (encoded observation, action, reward, next observation, terminated): once full,
/// each new transition overwrites the oldest. Samples uniformly with replacement. An action is either one discrete
/// index (DQN) or a float vector of <see cref="ActionSize"/> values (SAC, TD3: the squashed action in [-1, 1]).
/// </summary>
internal sealed class ReplayBuffer
{
    private readonly float[] _observations;
    private readonly float[] _nextObservations;
    private readonly long[] _actions;
    private readonly float[] _continuousActions;
    private readonly float[] _rewards;
    private readonly bool[] _terminations;
    private int _next;

    /// <param name="capacity">Transitions held before the oldest are overwritten.</param>
    /// <param name="features">Floats per encoded observation.</param>
    /// <param name="actionSize">0: one discrete action index per transition; n &gt; 0: a float action vector of n values.</param>
    public ReplayBuffer(int capacity, int features, int actionSize = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(actionSize);
        Capacity = capacity;
        Features = features;
        ActionSize = actionSize;
        _observations = new float[capacity * features];
        _nextObservations = new float[capacity * features];
        _actions = actionSize == 0 ? new long[capacity] : [];
        _continuousActions = new float[capacity * actionSize];
        _rewards = new float[capacity];
        _terminations = new bool[capacity];
    }

    public int Capacity { get; }

    public int Features { get; }

    /// <summary>Floats per continuous action; 0 when actions are discrete indices.</summary>
    public int ActionSize { get; }

    /// <summary>Transitions held (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Stores one transition with a discrete action, overwriting the oldest when full.</summary>
    public void Add(ReadOnlySpan<float> observation, int action, float reward, ReadOnlySpan<float> nextObservation, bool terminated)
    {
        RequireDiscrete(true);
        _actions[_next] = action;
        Store(observation, reward, nextObservation, terminated);
    }

    /// <summary>Stores one transition with a continuous action of <see cref="ActionSize"/> floats, overwriting the oldest when full.</summary>
    public void Add(ReadOnlySpan<float> observation, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated)
    {
        RequireDiscrete(false);
        action[..ActionSize].CopyTo(_continuousActions.AsSpan(_next * ActionSize, ActionSize));
        Store(observation, reward, nextObservation, terminated);
    }

    /// <summary>Fills the batch arrays with <c>rewards.Length</c> transitions with discrete actions, drawn uniformly (with replacement).</summary>
    /// <exception cref="InvalidOperationException">The buffer is empty.</exception>
    public void Sample(Random random, Span<float> observations, Span<long> actions, Span<float> rewards, Span<float> nextObservations, Span<float> terminations)
    {
        RequireDiscrete(true);
        for (var b = 0; b < rewards.Length; b++)
        {
            var k = Draw(random, b, observations, rewards, nextObservations, terminations);
            actions[b] = _actions[k];
        }
    }

    /// <summary>Fills the batch arrays with <c>rewards.Length</c> transitions with continuous actions, drawn uniformly (with replacement).</summary>
    /// <exception cref="InvalidOperationException">The buffer is empty.</exception>
    public void Sample(Random random, Span<float> observations, Span<float> actions, Span<float> rewards, Span<float> nextObservations, Span<float> terminations)
    {
        RequireDiscrete(false);
        for (var b = 0; b < rewards.Length; b++)
        {
            var k = Draw(random, b, observations, rewards, nextObservations, terminations);
            _continuousActions.AsSpan(k * ActionSize, ActionSize).CopyTo(actions.Slice(b * ActionSize, ActionSize));
        }
    }

    private void Store(ReadOnlySpan<float> observation, float reward, ReadOnlySpan<float> nextObservation, bool terminated)
    {
        observation.CopyTo(_observations.AsSpan(_next * Features, Features));
        nextObservation.CopyTo(_nextObservations.AsSpan(_next * Features, Features));
        _rewards[_next] = reward;
        _terminations[_next] = terminated;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    // Draws one stored transition into row b of the batch (all but the action) and returns its index.
    private int Draw(Random random, int b, Span<float> observations, Span<float> rewards, Span<float> nextObservations, Span<float> terminations)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("Cannot sample from an empty replay buffer.");
        }

        var k = random.Next(Count);
        _observations.AsSpan(k * Features, Features).CopyTo(observations.Slice(b * Features, Features));
        _nextObservations.AsSpan(k * Features, Features).CopyTo(nextObservations.Slice(b * Features, Features));
        rewards[b] = _rewards[k];
        terminations[b] = _terminations[k] ? 1f : 0f;
        return k;
    }

    private void RequireDiscrete(bool discrete)
    {
        if ((ActionSize == 0) != discrete)
        {
            throw new InvalidOperationException(ActionSize == 0
                ? "This replay buffer holds discrete action indices, not continuous actions."
                : $"This replay buffer holds continuous actions of {ActionSize} floats, not discrete indices.");
        }
    }
}
