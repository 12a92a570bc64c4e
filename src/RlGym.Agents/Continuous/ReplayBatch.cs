using System.Runtime.InteropServices;
using RlGym.Agents.Common;
using static TorchSharp.torch;

namespace RlGym.Agents.Continuous;

/// <summary>
/// One training batch of SAC and TD3, sampled from a <see cref="ReplayBuffer"/> with continuous actions into reused
/// host arrays and tensors (nothing is allocated per gradient step): the observations, the critics' input rows
/// <c>[observation, action]</c>, the rewards, the next observations and the discounts <c>γ(1 − terminated)</c>.
/// </summary>
internal sealed class ReplayBatch : IDisposable
{
    private readonly int _features;
    private readonly int _actionSize;
    private readonly float _gamma;
    private readonly float[] _observations;
    private readonly float[] _actions;
    private readonly float[] _observationActions;
    private readonly float[] _rewards;
    private readonly float[] _nextObservations;
    private readonly float[] _discounts;

    public ReplayBatch(int size, int features, int actionSize, double gamma)
    {
        _features = features;
        _actionSize = actionSize;
        _gamma = (float)gamma;
        _observations = new float[size * features];
        _actions = new float[size * actionSize];
        _observationActions = new float[size * (features + actionSize)];
        _rewards = new float[size];
        _nextObservations = new float[size * features];
        _discounts = new float[size];
        Observations = zeros(size, features);
        ObservationActions = zeros(size, features + actionSize);
        Rewards = zeros(size);
        NextObservations = zeros(size, features);
        Discounts = zeros(size);
    }

    /// <summary>Encoded observations, batch × features.</summary>
    public Tensor Observations { get; }

    /// <summary>The critics' input: each observation followed by the action taken, batch × (features + action size).</summary>
    public Tensor ObservationActions { get; }

    /// <summary>Rewards, batch.</summary>
    public Tensor Rewards { get; }

    /// <summary>Next observations (the final one where the episode ended), batch × features.</summary>
    public Tensor NextObservations { get; }

    /// <summary><c>γ</c>, or 0 where the episode terminated (a truncated one still bootstraps), batch.</summary>
    public Tensor Discounts { get; }

    /// <summary>Draws a batch uniformly (with replacement) from <paramref name="buffer"/> into the tensors.</summary>
    public void Sample(ReplayBuffer buffer, Random random)
    {
        buffer.Sample(random, _observations, _actions, _rewards, _nextObservations, _discounts);
        var width = _features + _actionSize;
        for (var b = 0; b < _rewards.Length; b++)
        {
            _observations.AsSpan(b * _features, _features).CopyTo(_observationActions.AsSpan(b * width));
            _actions.AsSpan(b * _actionSize, _actionSize).CopyTo(_observationActions.AsSpan((b * width) + _features));
            _discounts[b] = _gamma * (1f - _discounts[b]);
        }

        Observations.bytes = MemoryMarshal.AsBytes(_observations.AsSpan());
        ObservationActions.bytes = MemoryMarshal.AsBytes(_observationActions.AsSpan());
        Rewards.bytes = MemoryMarshal.AsBytes(_rewards.AsSpan());
        NextObservations.bytes = MemoryMarshal.AsBytes(_nextObservations.AsSpan());
        Discounts.bytes = MemoryMarshal.AsBytes(_discounts.AsSpan());
    }

    public void Dispose()
    {
        Observations.Dispose();
        ObservationActions.Dispose();
        Rewards.Dispose();
        NextObservations.Dispose();
        Discounts.Dispose();
    }
}
