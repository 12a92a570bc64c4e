using System.Text.Json.Nodes;

namespace RlGym.Agents.Common;

/// <summary>A policy that can write itself into a checkpoint directory (the policies of this library all can).</summary>
internal interface ICheckpointPolicy : IPolicy
{
    /// <summary>The kind written to checkpoint.json, which selects the loader.</summary>
    string Kind { get; }

    /// <summary>Writes its weights or table into <paramref name="directory"/> and what rebuilds it into <paramref name="manifest"/>.</summary>
    void Save(string directory, JsonObject manifest);
}
