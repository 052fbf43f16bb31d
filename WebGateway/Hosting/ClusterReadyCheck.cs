using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>
/// Readiness of the gateway: it can serve chats once its cluster can. All-in-one: the co-hosted silo is active.
/// Client mode: at least one silo is active and answers (a management call through the Orleans client). Never ready
/// while the gateway is stopping, so that a load balancer sends new connections elsewhere.
/// </summary>
public sealed class ClusterReadyCheck(
    IServiceProvider services,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    IOptions<ChatGatewayOptions> options) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return HealthCheckResult.Unhealthy("The gateway is stopping.");
        if (options.Value.IsAllInOne)
        {
            return services.GetService<SiloReadiness>() is { IsReady: true }
                ? HealthCheckResult.Healthy("The co-hosted silo is active.")
                : HealthCheckResult.Unhealthy("The co-hosted silo is not active.");
        }
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silos.")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", ex);
        }
    }
}
