using RlGym.Agents.Common;

namespace RlGym.Cli.Training;

/// <summary>
/// Cancels a run at its first evaluation whose mean return (<c>eval/mean_return</c>) reaches
/// <paramref name="threshold"/>: the algorithm then returns the policy trained so far.
/// </summary>
internal sealed class ThresholdStop(double threshold, CancellationTokenSource stop) : IMetricWriter
{
    /// <inheritdoc/>
    public void Write(string name, double value, long step)
    {
        if (name == "eval/mean_return" && value >= threshold)
        {
            stop.Cancel();
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
