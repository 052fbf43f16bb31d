using Microsoft.Extensions.Configuration;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// Whether traces are recorded and where telemetry goes (docs/operations.md, "Traces"): tracing is on with
/// <c>Chat:Telemetry:Tracing=true</c> or when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, the
/// OpenTelemetry SDK's own setting, which then receives traces and metrics). Off by default: tests and benchmarks pay nothing.
/// </summary>
public static class ChatTelemetry
{
    public const string TracingKey = "Chat:Telemetry:Tracing";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static bool OtlpEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static bool TracingEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool>(TracingKey) || OtlpEnabled(configuration);
}
