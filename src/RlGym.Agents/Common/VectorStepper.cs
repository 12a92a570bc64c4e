using RlGym.Core.Spaces;
using RlGym.Core.Vector;

namespace RlGym.Agents.Common;

/// <summary>
/// Steps a next-step-autoreset vector environment for an algorithm: counts steps, tracks each copy's episode return
/// and length, and marks which steps were real transitions. Under next-step autoreset a copy whose episode ended
/// (terminated or truncated) returns its final observation; its next step ignores the action and returns the reset
/// observation with reward 0, so <see cref="Valid"/> is false for that copy on that step and learners skip it.
/// </summary>
internal sealed class VectorStepper : IDisposable
{
    private readonly IVectorEnv _env;
    private readonly TrainingRun _run;
    private readonly bool[] _ended;
    private readonly double[] _returns;
    private readonly int[] _lengths;

    public VectorStepper(IVectorEnv env, TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (env.AutoresetMode != AutoresetMode.NextStep)
        {
            env.Dispose();
            throw new ArgumentException($"Training needs a vector environment that autoresets next-step (the default); got {env.AutoresetMode}.", nameof(env));
        }

        _env = env;
        _run = run;
        NumEnvs = env.NumEnvs;
        _ended = new bool[NumEnvs];
        _returns = new double[NumEnvs];
        _lengths = new int[NumEnvs];
        Valid = new bool[NumEnvs];
    }

    public int NumEnvs { get; }

    public Space ObservationSpace => _env.SingleObservationSpace;

    public Space ActionSpace => _env.SingleActionSpace;

    /// <summary>Per copy: the last step was a real transition (not the autoreset step after an episode ended).</summary>
    public bool[] Valid { get; }

    /// <summary>Resets every copy (copy i with <c>seed + i</c>) and returns the observation batch.</summary>
    public object Reset(ulong seed)
    {
        Array.Clear(_ended);
        Array.Clear(_returns);
        Array.Clear(_lengths);
        return _env.ResetObject(seed).Observations;
    }

    /// <summary>Steps every copy; the result's arrays may be the environment's own buffers, valid until the next step.</summary>
    public VectorStepResult<object> Step(object actions)
    {
        var result = _env.StepObject(actions);
        for (var i = 0; i < NumEnvs; i++)
        {
            Valid[i] = !_ended[i];
            _ended[i] = false;
            if (!Valid[i])
            {
                continue;
            }

            _returns[i] += result.Rewards[i];
            _lengths[i]++;
            if (result.Terminations[i] || result.Truncations[i])
            {
                _run.EpisodeEnded(_returns[i], _lengths[i]);
                _returns[i] = 0;
                _lengths[i] = 0;
                _ended[i] = true;
            }
        }

        _run.AddSteps(NumEnvs);
        return result;
    }

    public void Dispose() => _env.Dispose();
}
