using TorchSharp;
using TorchSharp.Modules;

namespace RlGym.Agents.Common;

/// <summary>Writes metrics as TensorBoard scalar events (TorchSharp's <c>SummaryWriter</c>) into a log directory.</summary>
public sealed class TensorBoardMetricWriter : IMetricWriter
{
    private readonly SummaryWriter _writer;

    /// <summary>Writes event files into <paramref name="logDirectory"/> (created when missing).</summary>
    public TensorBoardMetricWriter(string logDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(logDirectory);
        TorchSetup.EnsureInitialized();
        Directory.CreateDirectory(logDirectory);
        _writer = torch.utils.tensorboard.SummaryWriter(logDirectory, createRunName: false);
        LogDirectory = _writer.LogDir;
    }

    /// <summary>The directory the event files are written to.</summary>
    public string LogDirectory { get; }

    /// <inheritdoc />
    public void Write(string name, double value, long step) => _writer.add_scalar(name, (float)value, checked((int)Math.Min(step, int.MaxValue)));

    /// <summary>Events are written synchronously as they come; nothing to flush.</summary>
    public void Flush()
    {
    }

    /// <summary>Nothing to release: each event is written and closed as it is added.</summary>
    public void Dispose()
    {
    }
}
