using RlGym.Protocol.V1;
using CoreAutoresetMode = RlGym.Core.Vector.AutoresetMode;

namespace RlGym.Server.Backends;

/// <summary>What a client asks of a vector environment (CreateEnvironmentRequest with num_envs >= 1, decoded).</summary>
/// <param name="Id">A registered id, e.g. <c>CartPole-v1</c>.</param>
/// <param name="Copies">Number of copies (at least 1).</param>
internal sealed record VectorEnvRequest(string Id, int Copies)
{
    /// <summary>How copies that ended are reset.</summary>
    public CoreAutoresetMode AutoresetMode { get; init; } = CoreAutoresetMode.NextStep;

    /// <summary>The CPU implementation asked for; <see cref="Vectorization.Auto"/> (or UNSPECIFIED) leaves it to the server.</summary>
    public Vectorization Vectorization { get; init; } = Vectorization.Auto;

    /// <summary>Where the batch runs; <see cref="Backend.Auto"/> (or UNSPECIFIED) leaves it to the server.</summary>
    public Backend Backend { get; init; } = Backend.Auto;

    /// <summary>Overrides of the registered kwargs (decoded plain values); null for none.</summary>
    public IReadOnlyDictionary<string, object?>? Kwargs { get; init; }

    /// <summary>Overrides the registered time limit; 0 removes it; null keeps it.</summary>
    public int? MaxEpisodeSteps { get; init; }

    /// <summary>The copies' render mode; null for none.</summary>
    public string? RenderMode { get; init; }

    /// <summary>Copies a receive answers on an asynchronous handle (EnvPool's batch_size); 0 for a synchronous one.</summary>
    public int BatchSize { get; init; }
}
