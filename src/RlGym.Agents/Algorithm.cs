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

    /// <summary>The options a request resolves to: the env's preset, the request's steps and copies, then the overrides.</summary>
    public TOptions ResolveOptions(TrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OptionsBinder.Resolve(Preset(request.EnvId), request);
    }

    /// <inheritdoc />
    public JsonObject DescribeOptions(TrainRequest request) => OptionsBinder.ToJson(ResolveOptions(request));

    /// <inheritdoc />
    public TrainResult Train(TrainRequest request, CancellationToken cancellationToken = default) =>
        Train(ResolveOptions(request), request, cancellationToken);

    /// <summary>The tuned defaults for <paramref name="envId"/> (rl-baselines3-zoo's where it has them).</summary>
    protected abstract TOptions Preset(string envId);

    /// <summary>Trains with the resolved options <paramref name="o"/>.</summary>
    protected abstract TrainResult Train(TOptions o, TrainRequest request, CancellationToken cancellationToken);
}
