using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Silo.Hosting;

/// <summary>Ready once this silo is an active member of its cluster; not ready again as soon as it starts to stop.</summary>
public sealed class SiloReadyCheck(SiloReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("The silo is an active cluster member.")
            : HealthCheckResult.Unhealthy("The silo has not joined the cluster, or is stopping."));
}
