using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansChat.Grains.Diagnostics;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>What operators use: health endpoints for orchestrators and load balancers, Prometheus metrics (docs/operations.md).</summary>
public static class GatewayOperations
{
    public static IServiceCollection AddGatewayOperations(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);
        // The chat's meter (connections, messages, fan-out latency; in all-in-one mode also the co-hosted silo's
        // storage metrics), Orleans' meter and ASP.NET Core's HTTP metrics.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleanschat-gateway"))
            .WithMetrics(metrics => metrics
                .AddMeter(ChatMetrics.MeterName, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        return services;
    }

    /// <summary><c>/health</c> (kept for the benchmark harness), <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>.</summary>
    public static WebApplication MapGatewayOperations(this WebApplication app)
    {
        app.MapGet("/health", () => "ok");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint();
        return app;
    }
}
