using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansChat.Grains.Diagnostics;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// What operators use, the same on silos and gateways (docs/operations.md): health endpoints for orchestrators and load
/// balancers, and Prometheus metrics. Each process brings its own readiness check. It lives here, beside the one grain
/// registration, because both hosts reference this project (it takes the ASP.NET Core framework for that).
/// </summary>
public static class ChatOperations
{
    public static IServiceCollection AddChatOperations<TReadyCheck>(this IServiceCollection services, string serviceName)
        where TReadyCheck : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<TReadyCheck>("cluster", tags: ["ready"]);
        // The chat's meter (messages, connections, fan-out, storage), Orleans' (activations, messaging, membership) and
        // ASP.NET Core's HTTP metrics.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(ChatMetrics.MeterName, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        return services;
    }

    /// <summary><c>/health</c> (kept for the benchmark harness), <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapChatOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", () => "ok");
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        endpoints.MapPrometheusScrapingEndpoint();
        return endpoints;
    }
}
