using RlGym.Agents.PolicyGradient;
using RlGym.Core.Spaces;

namespace RlGym.Agents.Common;

/// <summary>
/// Collects on-policy rollouts for PPO, A2C and REINFORCE: one batched policy forward per step over all copies,
/// observations encoded (and normalised) into reused buffers, rewards optionally scaled, autoreset steps marked invalid.
/// With gSDE the copies' noise matrices are drawn at the start of each rollout and, as SB3's <c>sde_sample_freq</c>,
/// every that many steps within it.
/// </summary>
internal sealed class RolloutCollector
{
    private readonly VectorStepper _env;
    private readonly ActorCriticPolicy _policy;
    private readonly RolloutBuffer _buffer;
    private readonly RewardScaler? _rewards;
    private readonly float[] _current;
    private readonly float[] _actionRow;
    private readonly int[] _discreteActions;
    private readonly float[] _boxActions;
    private readonly object _envActions;
    private readonly int _sdeSampleFreq;

    public RolloutCollector(VectorStepper env, ActorCriticPolicy policy, RolloutBuffer buffer, RewardScaler? rewards, int sdeSampleFreq = -1)
    {
        _sdeSampleFreq = sdeSampleFreq;
        _env = env;
        _policy = policy;
        _buffer = buffer;
        _rewards = rewards;
        _current = new float[env.NumEnvs * buffer.Features];
        _actionRow = new float[env.NumEnvs * buffer.ActionSize];
        _discreteActions = new int[env.NumEnvs];
        _boxActions = new float[env.NumEnvs * buffer.ActionSize];
        _envActions = env.ActionSpace is Discrete ? _discreteActions : _boxActions;
    }

    public void Start(ulong seed) => Observe(_env.Reset(seed));

    /// <summary>
    /// Fills the buffer with <c>steps</c> steps of every copy and the critic's values after the last one. Cancelling stops
    /// it after the current step, leaving older rows behind: the caller then stops without learning from the buffer.
    /// </summary>
    public void Collect(CancellationToken cancellationToken)
    {
        var b = _buffer;
        var n = b.Envs;
        var decoder = _policy.Decoder;
        for (var t = 0; t < b.Steps && !cancellationToken.IsCancellationRequested; t++)
        {
            if (t == 0 || (_sdeSampleFreq > 0 && t % _sdeSampleFreq == 0))
            {
                _policy.ResetNoise(n);
            }

            var row = t * n;
            _current.CopyTo(b.Observations.AsSpan(row * b.Features));
            _policy.ActBatch(_current, n, deterministic: false, _actionRow, b.LogProbs.AsSpan(row, n), b.Values.AsSpan(row, n));
            _actionRow.CopyTo(b.Actions.AsSpan(row * b.ActionSize));
            if (decoder.IsDiscrete)
            {
                for (var i = 0; i < n; i++)
                {
                    _discreteActions[i] = decoder.Start + (int)_actionRow[i];
                }
            }
            else
            {
                _actionRow.CopyTo(_boxActions, 0);
                decoder.Clip(_boxActions);
            }

            var result = _env.Step(_envActions);
            for (var i = 0; i < n; i++)
            {
                var done = result.Terminations[i] || result.Truncations[i];
                b.Rewards[row + i] = _rewards?.Scale(i, result.Rewards[i], done) ?? (float)result.Rewards[i];
                b.Terminations[row + i] = result.Terminations[i];
                b.Dones[row + i] = done;
                b.Valid[row + i] = _env.Valid[i];
            }

            Observe(result.Observations);
        }

        // The critic's values of the observations after the last step (the actions drawn here are discarded).
        _policy.ActBatch(_current, n, deterministic: true, _actionRow, new float[n], b.LastValues);
    }

    private void Observe(object observations)
    {
        _policy.Encoder.EncodeBatch(observations, _env.NumEnvs, _current);
        if (_policy.ObservationStats is { } stats)
        {
            stats.Update(_current, _env.NumEnvs);
            stats.Normalise(_current);
        }
    }
}
