namespace RlGym.Agents.Common;

/// <summary>A sink for training metrics (console, CSV, TensorBoard, a progress bar).</summary>
public interface IMetricWriter : IDisposable
{
    /// <summary>Writes one scalar: <paramref name="name"/> (e.g. <c>charts/SPS</c>) at environment step <paramref name="step"/>.</summary>
    void Write(string name, double value, long step);

    /// <summary>Makes everything written so far durable or visible.</summary>
    void Flush();
}
