using System.Text.Json.Nodes;
using RlGym.Agents.Common;

namespace RlGym.Agents;

/// <summary>
/// What every algorithm shares: its name, its per-environment preset and how a request resolves to options. A
/// subclass supplies <see cref="Preset"/> and <see cref="Train(TOptions, TrainRequest, CancellationToken)"/>.
/// </summary>
/// <typeparam name="TOptions">The algorithm's options record.</typeparam>
public abstract class Algorithm<TOptions> : IAlgorithm
    where TOptions : class
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual bool SupportsResume => false;

    /// <summary>The options a request resolves to: the env's preset, the request's steps and copies, then the overrides.</summary>
    public TOptions ResolveOptions(TrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OptionsBinder.Resolve(Preset(request.EnvId), request);
    }

    /// <inheritdoc />
    public JsonObject DescribeOptions(TrainRequest request) => OptionsBinder.ToJson(ResolveOptions(request));

    /// <inheritdoc />
    public TrainResult Train(TrainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ResumeFrom is not null && !SupportsResume)
        {
            throw new ArgumentException(
                $"{Name} cannot resume a run; resumable: {string.Join(", ", Algorithms.Names.Where(n => Algorithms.Create(n).SupportsResume))}.", nameof(request));
        }

        return Train(ResolveOptions(request), request, cancellationToken);
    }

    /// <summary>The tuned defaults for <paramref name="envId"/> (rl-baselines3-zoo's where it has them).</summary>
    protected abstract TOptions Preset(string envId);

    /// <summary>Trains with the resolved options <paramref name="o"/>.</summary>
    protected abstract TrainResult Train(TOptions o, TrainRequest request, CancellationToken cancellationToken);
}
