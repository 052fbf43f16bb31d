using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansChat.Grains.Diagnostics;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// What operators use, the same on silos and gateways (docs/operations.md): health endpoints for orchestrators and load
/// balancers, and Prometheus metrics. Each process brings its own readiness check. It lives here, beside the one grain
/// registration, because both hosts reference this project (it takes the ASP.NET Core framework for that).
/// </summary>
public static class ChatOperations
{
    /// <summary>Tag combinations kept per metric before the rest go to the overflow point.</summary>
    public const int MetricCardinalityLimit = 200;

    public static IServiceCollection AddChatOperations<TReadyCheck>(this IServiceCollection services, string serviceName, IConfiguration configuration)
        where TReadyCheck : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<TReadyCheck>("cluster", tags: ["ready"]);
        var otlp = ChatTelemetry.OtlpEnabled(configuration);
        // The chat's meter (messages, connections, fan-out, storage), Orleans' (activations, messaging, membership),
        // the .NET runtime's (garbage collections and their pause time, heap, thread pool) and ASP.NET Core's (HTTP,
        // Kestrel, SignalR connections, routing, rate limiting: the meters the OpenTelemetry instrumentation would add).
        var telemetry = services.AddOpenTelemetry()
            // An orchestrator names each process (the Aspire AppHost: silo1, gateway2 ...) through OTEL_SERVICE_NAME.
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's own meters rather than the OpenTelemetry instrumentation's wrapper of them, which adds an
                // async frame to every request: a WebSocket's stays for as long as it is open (128 bytes per connection).
                metrics.AddMeter(ChatMetrics.MeterName, "Microsoft.Orleans", "System.Runtime")
                    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
                        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting")
                    .AddPrometheusExporter()
                    // The SDK allocates every metric's points for its cardinality limit up front (2,000 by default: 144 KB
                    // each, 19 MB over our 130-odd metrics); ours have a few dozen tag combinations at most, and more
                    // would be counted in the overflow point rather than lost.
                    .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricCardinalityLimit });
                if (otlp) metrics.AddOtlpExporter();
            });
        if (otlp) telemetry.WithLogging(logging => logging.AddOtlpExporter());
        // Traces only when asked for: a listener makes every grain call and every send create spans.
        if (ChatTelemetry.TracingEnabled(configuration))
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(ChatTracing.SourceName).AddSource(ChatTracing.OrleansSources).AddAspNetCoreInstrumentation();
                if (otlp) tracing.AddOtlpExporter();
            });
        }
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
