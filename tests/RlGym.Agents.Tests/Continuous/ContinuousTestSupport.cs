using RlGym.Agents.Common;

namespace RlGym.Agents.Tests.Continuous;

/// <summary>Small settings for SAC and TD3 on the target-reaching task, and a writer that keeps every recorded value.</summary>
internal static class ContinuousTestSupport
{
    public static Dictionary<string, string> Fast(params (string Key, string Value)[] extra)
    {
        var overrides = new Dictionary<string, string>
        {
            ["hidden_sizes"] = "64,64",
            ["batch_size"] = "64",
            ["learning_starts"] = "200",
            ["learning_rate"] = "0.003",
        };
        foreach (var (key, value) in extra)
        {
            overrides[key] = value;
        }

        return overrides;
    }

    /// <summary>Keeps each metric's values in order.</summary>
    public sealed class CollectingWriter : IMetricWriter
    {
        public Dictionary<string, List<double>> Values { get; } = [];

        public void Write(string name, double value, long step)
        {
            if (!Values.TryGetValue(name, out var list))
            {
                Values[name] = list = [];
            }

            list.Add(value);
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
