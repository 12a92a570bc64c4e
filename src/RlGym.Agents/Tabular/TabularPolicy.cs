using System.Text.Json;
using System.Text.Json.Nodes;
using RlGym.Agents.Common;
using RlGym.Core.Spaces;

namespace RlGym.Agents.Tabular;

/// <summary>A Q table over Discrete states and actions; acts greedily (ties to the lowest action) whether or not deterministic.</summary>
internal sealed class TabularPolicy : ICheckpointPolicy
{
    public const string KindName = "q_table";
    private const string TableFile = "q_table.json";

    private readonly StateIndexer _states;
    private readonly Discrete _actions;

    public TabularPolicy(Space observationSpace, Discrete actionSpace, double[]? table = null, double initialQ = 0)
    {
        ObservationSpace = observationSpace;
        ActionSpace = actionSpace;
        _states = new StateIndexer(observationSpace);
        _actions = actionSpace;
        Q = table ?? Enumerable.Repeat(initialQ, checked(_states.Count * actionSpace.N)).ToArray();
        if (Q.Length != _states.Count * actionSpace.N)
        {
            throw new InvalidDataException($"A Q table for {_states.Count} states x {actionSpace.N} actions needs {_states.Count * actionSpace.N} values; got {Q.Length}.");
        }
    }

    public Space ObservationSpace { get; }

    public Space ActionSpace { get; }

    public string Kind => KindName;

    public StateIndexer States => _states;

    public int ActionCount => _actions.N;

    /// <summary>Q values, state-major: <c>Q[s * actions + a]</c>.</summary>
    public double[] Q { get; }

    public object Act(object observation, bool deterministic = true) => _actions.Start + Greedy(_states.Index(observation));

    /// <summary>The greedy action index (from 0) in state <paramref name="state"/>.</summary>
    public int Greedy(int state)
    {
        var row = Q.AsSpan(state * _actions.N, _actions.N);
        var best = 0;
        for (var a = 1; a < row.Length; a++)
        {
            if (row[a] > row[best])
            {
                best = a;
            }
        }

        return best;
    }

    public void Save(string directory, JsonObject manifest)
    {
        manifest["observation_space"] = SpaceJson.Write(ObservationSpace);
        manifest["action_space"] = SpaceJson.Write(ActionSpace);
        manifest["table_file"] = TableFile;
        File.WriteAllText(Path.Combine(directory, TableFile), JsonSerializer.Serialize(Q));
    }

    public static TabularPolicy Load(string directory, JsonObject manifest)
    {
        var path = Path.Combine(directory, manifest["table_file"]!.GetValue<string>());
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The checkpoint's Q table {path} is missing.", path);
        }

        double[] table;
        try
        {
            table = JsonSerializer.Deserialize<double[]>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds no Q table.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is corrupt: {e.Message}", e);
        }

        return new TabularPolicy(SpaceJson.Read(manifest["observation_space"]!), (Discrete)SpaceJson.Read(manifest["action_space"]!), table);
    }

    public void Dispose()
    {
    }
}
