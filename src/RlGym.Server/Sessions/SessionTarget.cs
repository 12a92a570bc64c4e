using RlGym.Protocol.V1;

namespace RlGym.Server.Sessions;

/// <summary>
/// What a handle holds: a single environment (<see cref="SingleEnvTarget"/>), a vector environment
/// (<see cref="VectorEnvTarget"/>) or an asynchronous one (<see cref="AsyncVectorEnvTarget"/>). <see cref="EnvironmentSession"/> serialises and sequences the calls; a target maps
/// one request to its response.
/// </summary>
internal abstract class SessionTarget : IDisposable
{
    /// <summary>The environment id, for logs.</summary>
    public abstract string Name { get; }

    /// <summary>The registered environment id (without the copy count), for metrics.</summary>
    public abstract string EnvId { get; }

    /// <summary>Rough bytes the environment holds (see <see cref="MemoryEstimates"/>).</summary>
    public abstract long EstimatedBytes { get; }

    /// <summary>The dtype of the rewards a step answers (FLOAT64, INT64 for integer rewards, FLOAT32 for Gymnasium's CartPoleVectorEnv).</summary>
    public abstract DType RewardDType { get; }

    /// <summary>The creation response (without the handle).</summary>
    public abstract CreateEnvironmentResponse Describe();

    /// <summary>Applies a reset.</summary>
    public abstract ResetResponse Reset(ResetRequest request);

    /// <summary>Applies a step.</summary>
    public abstract StepResponse Step(StepRequest request);

    /// <summary>
    /// Applies a step whose response may borrow buffers of the target that the second next borrowed step reuses: for
    /// the shared-memory doorbell, which copies the response into the segment at once and is the only caller. A
    /// borrowed response handed to anyone else must be copied first (<see cref="EnvironmentSession"/> does).
    /// </summary>
    public virtual StepResponse StepBorrowed(StepRequest request) => Step(request);

    /// <summary>An asynchronous vector environment: steps may name copies (env_ids) and a phase (send, receive).</summary>
    public virtual bool Asynchronous => false;

    /// <summary>How many copies the step that answered <paramref name="response"/> stepped, for metrics: all <paramref name="copies"/> unless asynchronous.</summary>
    public virtual int CopiesStepped(StepResponse response, int copies) => copies;

    /// <summary>Renders the current frame(s).</summary>
    public abstract RenderResponse Render(RenderRequest request);

    /// <inheritdoc />
    public abstract void Dispose();
}
