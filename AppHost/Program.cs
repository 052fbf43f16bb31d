using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// The cluster as .NET developers run distributed apps: `dotnet run --project AppHost` starts PostgreSQL, 3 silos,
// 2 gateways and the proxy, and the Aspire dashboard shows their logs, traces and metrics (docs/operations.md, "Aspire").
// PostgreSQL runs from the local server binaries (scripts/postgres-foreground.sh): no container runtime is needed.
// Ports: OrleansChat:PortBase (17000) + offsets below; the proxy, the one address, is PortBase + 40.
var builder = DistributedApplication.CreateBuilder(args);
var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
var portBase = builder.Configuration.GetValue("OrleansChat:PortBase", 17000);
var pgPort = portBase + 50;
var dataDirectory = builder.Configuration["OrleansChat:DataDirectory"] ?? Path.Combine(Path.GetTempPath(), $"orleanschat-apphost-{pgPort}");
// Tokens signed with a key made at each start do not survive a restart of the app host (browsers come back as guests).
var tokenKey = builder.Configuration["OrleansChat:TokenKey"] ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
var connection = $"Host=127.0.0.1;Port={pgPort};Username=postgres;Database=orleanschat";
var clusterId = builder.Configuration["OrleansChat:ClusterId"] ?? "orleanschat-aspire";

// "Running" is not "accepting connections": the script opens the TCP port only once the database exists.
builder.Services.AddHealthChecks().AddAsyncCheck("postgres-port", async cancellationToken =>
{
    try
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", pgPort, cancellationToken);
        return HealthCheckResult.Healthy();
    }
    catch (SocketException ex)
    {
        return HealthCheckResult.Unhealthy(ex.Message);
    }
});
var postgres = builder.AddExecutable("postgres", "bash", root, "scripts/postgres-foreground.sh", dataDirectory, pgPort.ToString())
    .WithHealthCheck("postgres-port");

var silos = new List<IResourceBuilder<ProjectResource>>();
for (var i = 1; i <= 3; i++)
{
    silos.Add(builder.AddProject<Projects.Silo>($"silo{i}")
        .WithHttpEndpoint(port: portBase + 30 + i, isProxied: false)
        .WithArgs($"--Orleans:SiloPort={portBase + 10 + i}", $"--Orleans:GatewayPort={portBase + 20 + i}", $"--urls=http://127.0.0.1:{portBase + 30 + i}")
        .WithChatCluster(connection, clusterId)
        .WithHttpHealthCheck("/health/ready")
        .WaitFor(postgres));
}

var gateways = new List<IResourceBuilder<ProjectResource>>();
for (var j = 1; j <= 2; j++)
{
    var gateway = builder.AddProject<Projects.WebGateway>($"gateway{j}")
        .WithHttpEndpoint(port: portBase + 40 + j, isProxied: false)
        .WithArgs("--Chat:Mode=Client", $"--urls=http://127.0.0.1:{portBase + 40 + j}")
        .WithChatCluster(connection, clusterId)
        .WithEnvironment("Chat__TokenKey", tokenKey)
        .WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true")
        .WithHttpHealthCheck("/health/ready");
    foreach (var silo in silos) gateway.WaitFor(silo);
    gateways.Add(gateway);
}

var proxy = builder.AddProject<Projects.Proxy>("proxy")
    .WithHttpEndpoint(port: portBase + 40, isProxied: false)
    .WithArgs($"--urls=http://127.0.0.1:{portBase + 40}")
    .WithHttpHealthCheck("/proxy/health");
for (var j = 1; j <= gateways.Count; j++)
{
    proxy.WithArgs($"--ReverseProxy:Clusters:gateways:Destinations:gateway{j}:Address=http://127.0.0.1:{portBase + 40 + j}/");
    proxy.WaitFor(gateways[j - 1]);
}

builder.Build().Run();

internal static class ChatClusterResources
{
    /// <summary>What every silo and gateway of the cluster shares: the database and the cluster's name.</summary>
    public static IResourceBuilder<ProjectResource> WithChatCluster(this IResourceBuilder<ProjectResource> resource, string connection, string clusterId) =>
        resource
            .WithEnvironment("Chat__Storage__Provider", "Postgres")
            .WithEnvironment("ConnectionStrings__Chat", connection)
            .WithEnvironment("Orleans__ClusterId", clusterId)
            .WithEnvironment("Orleans__ServiceId", "orleanschat")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");
}
