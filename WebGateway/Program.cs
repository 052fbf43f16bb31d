using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Authentication;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansChat;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.WebGateway.Hosting;
using OrleansChat.WebGateway.Hubs;
using OrleansChat.WebGateway.Identity;
using OrleansChat.WebGateway.Notifications;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));

if (!options.IsAllInOne && OrleansChat.Grains.Hosting.ChatHostConfiguration.Storage(builder.Configuration).IsPostgres && string.IsNullOrWhiteSpace(options.TokenKey))
{
    // A key generated per gateway would make every token unusable on the other gateways: failover would log users out.
    throw new InvalidOperationException("Cluster mode needs Chat:TokenKey (base64, 32+ bytes), the same on every gateway.");
}

builder.AddChatOrleans(options);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new TokenService(
    TokenService.LoadKey(options.TokenKey, options.DataDirectory), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddAuthentication(ChatTokenAuthentication.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ChatTokenAuthentication>(ChatTokenAuthentication.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddSingleton<ChatErrorFilter>();
builder.Services.AddSignalR(hub =>
{
    hub.MaximumReceiveMessageSize = ChatLimits.MaxHubMessageBytes;
    hub.AddFilter<ChatErrorFilter>();
});
builder.Services.AddSingleton<GatewayIdentity>();
builder.Services.AddSingleton<RoomActivations>();
builder.Services.AddSingleton<LocalConnections>();
builder.Services.AddSingleton<RoomObserver>();
builder.Services.AddSingleton<SubscriptionRenewal>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SubscriptionRenewal>());
builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);
// Metrics for Prometheus at /metrics: the chat's meter (connections, messages, fan-out latency; in all-in-one mode also
// the co-hosted silo's storage metrics), Orleans' meter and ASP.NET Core's HTTP metrics.
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("orleanschat-gateway"))
    .WithMetrics(metrics => metrics
        .AddMeter(ChatMetrics.MeterName, "Microsoft.Orleans")
        .AddAspNetCoreInstrumentation()
        .AddPrometheusExporter());

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/health", () => "ok");
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint();
app.MapSessionEndpoints();
app.MapHub<ChatHub>("/hubs/chat");
app.Run();

/// <summary>The gateway's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
