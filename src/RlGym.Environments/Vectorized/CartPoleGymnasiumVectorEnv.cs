using System.Collections.ObjectModel;
using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// Gymnasium's own <c>CartPoleVectorEnv</c> (<c>make_vec("CartPole-v1", vectorization_mode="vector_entry_point")</c>),
/// reproduced draw for draw; the physics is <see cref="CartPoleDynamics"/> per element, as for the scalar env.
/// </summary>
/// <remarks>
/// Unlike the exact batched variant (<c>soa</c>), all copies share one generator: <c>Reset(seed)</c> seeds it once and
/// draws <c>uniform(low, high, size=(4, N))</c> in C order (the N x values, then N x_dot, N theta, N theta_dot), so
/// copy i is not a scalar CartPole seeded with <c>seed + i</c> (except for N = 1). Autoreset is next-step only: copies
/// that ended on the previous call get a new state from one <c>uniform(size=(4, k))</c> draw (k such copies, ascending),
/// step counter 0, reward 0 and both flags false; their action is ignored. Each copy counts its steps and is
/// truncated at <c>max_episode_steps</c>. Rewards are float32 values (1, or with <c>sutton_barto_reward</c> -1 on
/// termination and -0 otherwise) exposed as doubles; infos are empty. The returned arrays are this environment's
/// buffers, overwritten by the next call. Batches larger than <see cref="SoaVectorEnv{TObs, TAction}.ChunkSize"/>
/// step the physics on all cores; the draws stay sequential.
/// </remarks>
public sealed class CartPoleGymnasiumVectorEnv : VectorEnv<float[], int[]>
{
    private const int ChunkSize = SoaVectorEnv<float, int>.ChunkSize;
    private static readonly IReadOnlyDictionary<string, object> EmptyInfo = ReadOnlyDictionary<string, object>.Empty;

    private readonly double[] _x;
    private readonly double[] _xDot;
    private readonly double[] _theta;
    private readonly double[] _thetaDot;
    private readonly int[] _steps;
    private readonly bool[] _previousDone;
    private readonly float[] _observations;
    private readonly double[] _rewards;
    private readonly bool[] _terminations;
    private readonly bool[] _truncations;
    private readonly double[] _draws;
    private readonly int _maxEpisodeSteps;
    private readonly bool _suttonBartoReward;
    private readonly int _chunks;
    private readonly Action<int> _stepChunk;
    private int[] _actions = [];
    private NumpyGenerator? _random;
    private double _low = -0.05;
    private double _high = 0.05;
    private bool _hasState;

    /// <summary>The <c>gymnasium</c> vectorization of a CartPole registration (next-step autoreset only, as Gymnasium's).</summary>
    /// <exception cref="ArgumentException">An autoreset mode other than next-step.</exception>
    public static IVectorEnv Make(VectorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AutoresetMode != AutoresetMode.NextStep)
        {
            throw new ArgumentException(
                $"Vectorization 'gymnasium' of {request.Spec.Id} autoresets next-step only (as Gymnasium's CartPoleVectorEnv); got {request.AutoresetMode}.",
                nameof(request));
        }

        return new CartPoleGymnasiumVectorEnv(request.NumEnvs, request.Spec.MaxEpisodeSteps ?? int.MaxValue, request.Kwargs.GetBool("sutton_barto_reward"), request.Spec);
    }

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies (at least 1).</param>
    /// <param name="maxEpisodeSteps">Gymnasium's <c>max_episode_steps</c> kwarg (default 500).</param>
    /// <param name="suttonBartoReward">Gymnasium's <c>sutton_barto_reward</c> kwarg.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public CartPoleGymnasiumVectorEnv(int numEnvs, int maxEpisodeSteps = 500, bool suttonBartoReward = false, EnvSpec? spec = null)
        : base(numEnvs, new CartPoleEnv(suttonBartoReward), AutoresetMode.NextStep, spec)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEpisodeSteps);
        _maxEpisodeSteps = maxEpisodeSteps;
        _suttonBartoReward = suttonBartoReward;
        _x = new double[numEnvs];
        _xDot = new double[numEnvs];
        _theta = new double[numEnvs];
        _thetaDot = new double[numEnvs];
        _steps = new int[numEnvs];
        _previousDone = new bool[numEnvs];
        _observations = new float[numEnvs * 4];
        _rewards = new double[numEnvs];
        _terminations = new bool[numEnvs];
        _truncations = new bool[numEnvs];
        _draws = new double[numEnvs * 4];
        _chunks = (numEnvs + ChunkSize - 1) / ChunkSize;
        _stepChunk = chunk => StepPhysics(chunk * ChunkSize, Math.Min(NumEnvs, (chunk + 1) * ChunkSize), _actions);
    }

    /// <summary>Float32, as Gymnasium's <c>CartPoleVectorEnv</c> returns them.</summary>
    public override DType RewardDType => DType.Float32;

    /// <summary>The shared generator (Gymnasium's <c>np_random</c>), seeded from entropy on first use.</summary>
    public NumpyGenerator NpRandom
    {
        get => _random ??= NumpyGenerator.FromEntropy();
        set => _random = value;
    }

    /// <summary>
    /// Seeds the shared generator with <paramref name="seed"/> (when given) and draws every copy's state. The options
    /// <c>low</c> / <c>high</c> change the bounds of this and later (autoreset) draws, as in Gymnasium.
    /// </summary>
    public override VectorResetResult<float[]> Reset(ulong? seed = null, IReadOnlyDictionary<string, object>? options = null)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        (_low, _high) = ResetBounds.Parse(options, -0.05, 0.05);
        if (seed is { } s)
        {
            _random = NumpyGenerator.FromSeed(s);
        }

        NpRandom.Uniform(_low, _high, _draws);
        for (var i = 0; i < NumEnvs; i++)
        {
            SetState(i, NumEnvs, i);
        }

        Array.Clear(_steps);
        Array.Clear(_previousDone);
        _hasState = true;
        return new(_observations, new Dictionary<string, object>());
    }

    /// <summary>
    /// One generator serves every copy, so per-copy seeds have no meaning here: only a list without seeds is accepted
    /// (the generator continues); use <c>Reset(seed)</c> to seed.
    /// </summary>
    /// <exception cref="ArgumentException">A per-copy seed was given.</exception>
    public override VectorResetResult<float[]> Reset(IReadOnlyList<ulong?> seeds, IReadOnlyDictionary<string, object>? options = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Any(s => s is not null))
        {
            throw new ArgumentException(
                "CartPole's gymnasium vectorization draws every copy from one shared generator: pass a single seed (Reset(seed)), not one per copy.",
                nameof(seeds));
        }

        return Reset(seed: null, options);
    }

    /// <inheritdoc />
    public override VectorStepResult<float[]> Step(int[] actions)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        ArgumentNullException.ThrowIfNull(actions);
        if (!_hasState)
        {
            throw new ResetNeededException("Cannot call step before reset: call Reset() first.");
        }

        RequireValidActions(actions);

        if (_chunks == 1)
        {
            StepPhysics(0, NumEnvs, actions);
        }
        else
        {
            _actions = actions;
            Parallel.For(0, _chunks, _stepChunk);
            _actions = [];
        }

        // self.state[:, prev_done] = uniform(low, high, size=(4, k)): sequential, copies in ascending order.
        var k = 0;
        for (var i = 0; i < NumEnvs; i++)
        {
            k += _previousDone[i] ? 1 : 0;
        }

        if (k > 0)
        {
            NpRandom.Uniform(_low, _high, _draws.AsSpan(0, 4 * k));
            var j = 0;
            for (var i = 0; i < NumEnvs; i++)
            {
                if (_previousDone[i])
                {
                    SetState(i, k, j++);
                    _steps[i] = 0;
                    _rewards[i] = 0.0;
                    _terminations[i] = false;
                    _truncations[i] = false;
                }
            }
        }

        for (var i = 0; i < NumEnvs; i++)
        {
            _previousDone[i] = _terminations[i] || _truncations[i];
        }

        return new(_observations, _rewards, _terminations, _truncations, EmptyInfo);
    }

    // Copies that ended on the previous call are left for the sequential redraw (Gymnasium steps and overwrites them).
    private void StepPhysics(int start, int end, int[] actions)
    {
        var (x, xDot, theta, thetaDot) = (_x, _xDot, _theta, _thetaDot);
        for (var i = start; i < end; i++)
        {
            if (_previousDone[i])
            {
                continue;
            }

            CartPoleDynamics.Step(ref x[i], ref xDot[i], ref theta[i], ref thetaDot[i], actions[i]);
            var terminated = CartPoleDynamics.IsTerminal(x[i], theta[i]);
            _steps[i]++;
            _terminations[i] = terminated;
            _truncations[i] = _steps[i] >= _maxEpisodeSteps;

            // np.ones_like(terminated, float32), or -np.array(terminated, float32): -1 or -0.
            _rewards[i] = _suttonBartoReward ? (terminated ? -1.0f : -0.0f) : 1.0f;
            WriteObservation(i);
        }
    }

    // Copy i takes element j of each of the four rows of a (4, count) draw.
    private void SetState(int i, int count, int j)
    {
        _x[i] = _draws[j];
        _xDot[i] = _draws[count + j];
        _theta[i] = _draws[(2 * count) + j];
        _thetaDot[i] = _draws[(3 * count) + j];
        WriteObservation(i);
    }

    private void WriteObservation(int i)
    {
        var o = 4 * i;
        _observations[o] = (float)_x[i];
        _observations[o + 1] = (float)_xDot[i];
        _observations[o + 2] = (float)_theta[i];
        _observations[o + 3] = (float)_thetaDot[i];
    }
}
