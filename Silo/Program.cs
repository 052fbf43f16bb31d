using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Rooms;
using OrleansChat.Silo.Hosting;

// A standalone silo: the grains without the SignalR gateway, plus a small HTTP endpoint for health probes and metrics
// (`urls`, default http://127.0.0.1:8081). Run gateways against it with Chat__Mode=Client. See docs/operations.md.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, builder.Configuration["urls"] ?? "http://127.0.0.1:8081");

var storage = ChatHostConfiguration.Storage(builder.Configuration);
var cluster = ChatHostConfiguration.Cluster(builder.Configuration);
var rooms = builder.Configuration.GetSection(RoomOptions.Section);
builder.UseOrleans(silo => silo
    .UseChatClustering(storage, cluster, ChatHostConfiguration.Tls(builder.Configuration))
    .AddOrleansChat(storage, rooms.Bind));
ChatHostConfiguration.BindMembershipOverrides(builder.Services, builder.Configuration);

builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("cluster", tags: ["ready"]);
// Metrics for Prometheus at /metrics: the chat's own meter and Orleans' (activations, messaging, membership).
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("orleanschat-silo"))
    .WithMetrics(metrics => metrics
        .AddMeter(ChatMetrics.MeterName, "Microsoft.Orleans")
        .AddPrometheusExporter());

var app = builder.Build();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint();
app.Run();
