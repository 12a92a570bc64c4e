using TorchSharp;
using static TorchSharp.torch;

namespace RlGym.Agents.Common;

/// <summary>
/// What <c>rlgym train --resume</c> restores beyond the step counter: every tensor and statistic an algorithm
/// registers before training (its networks, target networks, optimiser moments and step counts, normalisation
/// statistics, a Q table or counts), saved next to the checkpoint as <c>training_state.bin</c> with a <see cref="ResumePoint"/> manifest.
/// Values are stored as float64 (exact for float32 tensors and step counts), each under its name, so a load checks
/// that the saved run had the same shapes. Not saved: replay buffers, random generators and the environments' states,
/// so a resumed run continues the same learning, not the same random draws.
/// </summary>
internal sealed class TrainingState
{
    /// <summary>The values' file name in a checkpoint directory.</summary>
    public const string DataFile = "training_state.bin";

    private readonly List<Entry> _entries = [];

    /// <summary>True when an algorithm registered anything: only then is the state saved.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Registers a tensor (float32), restored in place.</summary>
    public void Add(string name, Tensor tensor) => _entries.Add(new Entry(
        name,
        checked((int)tensor.numel()),
        () => tensor.data<float>().Select(v => (double)v).ToArray(),
        values =>
        {
            using var noGrad = no_grad();
            using var source = torch.tensor(values.Select(v => (float)v).ToArray(), tensor.shape);
            tensor.copy_(source);
        }));

    /// <summary>Registers every parameter and buffer of <paramref name="module"/>, by its state-dict name.</summary>
    public void Add(string name, nn.Module module)
    {
        foreach (var (key, tensor) in module.state_dict())
        {
            Add($"{name}.{key}", tensor);
        }
    }

    /// <summary>Registers an optimiser's moment estimates and per-parameter step counts.</summary>
    public void Add(string name, AdamOptimizer optimizer)
    {
        for (var k = 0; k < optimizer.ExpAvg.Count; k++)
        {
            Add($"{name}.exp_avg.{k}", optimizer.ExpAvg[k]);
            Add($"{name}.exp_avg_sq.{k}", optimizer.ExpAvgSq[k]);
        }

        Add($"{name}.steps", optimizer.Steps);
    }

    /// <summary>Registers an RMSprop optimiser's running averages of squared gradients (it keeps no step counts).</summary>
    public void Add(string name, RmsPropOptimizer optimizer)
    {
        for (var k = 0; k < optimizer.SquareAvg.Count; k++)
        {
            Add($"{name}.square_avg.{k}", optimizer.SquareAvg[k]);
        }
    }

    /// <summary>Registers an array (e.g. a Q table), restored in place.</summary>
    public void Add(string name, double[] values) =>
        _entries.Add(new Entry(name, values.Length, () => values, saved => saved.CopyTo(values, 0)));

    /// <summary>Registers an array of counts (e.g. step or visit counts), restored in place.</summary>
    public void Add(string name, long[] values) =>
        _entries.Add(new Entry(name, values.Length, () => values.Select(v => (double)v).ToArray(), saved =>
        {
            for (var k = 0; k < values.Length; k++)
            {
                values[k] = (long)saved[k];
            }
        }));

    /// <summary>Registers running mean, variance and count.</summary>
    public void Add(string name, RunningMeanStd stats)
    {
        Add($"{name}.mean", stats.Mean);
        Add($"{name}.variance", stats.Variance);
        _entries.Add(new Entry($"{name}.count", 1, () => [stats.Count], values => stats.Count = values[0]));
    }

    /// <summary>Writes every registered value and the <paramref name="point"/> manifest into <paramref name="directory"/>.</summary>
    public void Save(string directory, ResumePoint point)
    {
        using (var writer = new BinaryWriter(File.Create(Path.Combine(directory, DataFile))))
        {
            writer.Write(_entries.Count);
            foreach (var entry in _entries)
            {
                var values = entry.Read();
                writer.Write(entry.Name);
                writer.Write(values.Length);
                foreach (var value in values)
                {
                    writer.Write(value);
                }
            }
        }

        point.Write(directory);
    }

    /// <summary>
    /// Restores every registered value from <paramref name="directory"/> and returns its resume point, after checking
    /// that it was saved by <paramref name="algorithm"/> on <paramref name="envId"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">The state is of another run, or a value is missing or of another size (the message names it).</exception>
    public ResumePoint Load(string directory, string algorithm, string envId)
    {
        var point = ResumePoint.Read(directory);
        if (point.Algorithm != algorithm || point.EnvId != envId)
        {
            throw new InvalidDataException($"{directory} holds a {point.Algorithm} run on {point.EnvId}; cannot resume it as {algorithm} on {envId}.");
        }

        var path = Path.Combine(directory, DataFile);
        var saved = ReadValues(directory);
        foreach (var entry in _entries)
        {
            if (!saved.TryGetValue(entry.Name, out var values) || values.Length != entry.Length)
            {
                throw new InvalidDataException($"{path} does not match this run's networks: '{entry.Name}' is missing or of another size (were the options changed?).");
            }

            entry.Write(values);
        }

        return point;
    }

    /// <summary>Every value saved in <paramref name="directory"/>'s <see cref="DataFile"/>, by name.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static IReadOnlyDictionary<string, double[]> ReadValues(string directory)
    {
        var saved = new Dictionary<string, double[]>(StringComparer.Ordinal);
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(directory, DataFile)));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var values = new double[reader.ReadInt32()];
            for (var k = 0; k < values.Length; k++)
            {
                values[k] = reader.ReadDouble();
            }

            saved[name] = values;
        }

        return saved;
    }

    private sealed record Entry(string Name, int Length, Func<double[]> Read, Action<double[]> Write);
}
