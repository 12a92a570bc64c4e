using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RlGym.Server.Sessions;

/// <summary>Health: NOT_SERVING while the server drains before shutdown (see <see cref="ShutdownDrain"/>), SERVING otherwise.</summary>
internal sealed class DrainHealthCheck(HandleStore store) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.IsDraining
            ? HealthCheckResult.Unhealthy("The server is shutting down and accepts no new environments.")
            : HealthCheckResult.Healthy());
}
