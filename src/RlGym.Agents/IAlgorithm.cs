using System.Text.Json.Nodes;

namespace RlGym.Agents;

/// <summary>A training algorithm (e.g. <c>ppo</c>): trains a policy for one environment as a <see cref="TrainRequest"/> describes.</summary>
public interface IAlgorithm
{
    /// <summary>The algorithm's name as <see cref="Algorithms.Names"/> lists it, e.g. <c>ppo</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Whether it saves a training state with its checkpoint and continues from one (<see cref="TrainRequest.ResumeFrom"/>).
    /// </summary>
    bool SupportsResume { get; }

    /// <summary>
    /// Trains until <see cref="TrainRequest.TotalSteps"/> environment steps (summed over copies) or cancellation,
    /// recording metrics, evaluating every <see cref="TrainRequest.EvalEvery"/> steps and writing the final checkpoint
    /// to <c>OutputDirectory/final</c> when an output directory is set.
    /// </summary>
    /// <param name="request">What to train on and how.</param>
    /// <param name="cancellationToken">Stops training early; the policy trained so far is returned (and saved).</param>
    /// <exception cref="ArgumentException">
    /// An override names an unknown option or has an unparsable value, or the environment's spaces are not supported
    /// by this algorithm (the message says which are).
    /// </exception>
    TrainResult Train(TrainRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The options <see cref="Train"/> would use for <paramref name="request"/> (the env's preset, the request's steps
    /// and copies, then its overrides) as a JSON object of snake_case key → typed value
    /// (<see cref="Common.OptionsBinder.ToJson{T}"/>): <c>total_steps</c> for a progress bar, the config
    /// <c>rlgym train --print-config</c> prints and every run directory keeps. Fails as <see cref="Train"/> does on a bad
    /// override, without touching any environment.
    /// </summary>
    /// <exception cref="ArgumentException">An override names an unknown option or has an unparsable value.</exception>
    JsonObject DescribeOptions(TrainRequest request);
}
