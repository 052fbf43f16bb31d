using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>Health and metrics endpoints of a real silo process and a client-mode gateway process on PostgreSQL.</summary>
[Collection(ProcessCollection.Name)]
public sealed class ClusterOperationsTests(ClusterFailoverTests.Server server) : IClassFixture<ClusterFailoverTests.Server>
{
    [Fact]
    public async Task SiloAndGateway_ReportReadinessAndMetrics_AndTheGatewayIsNotReadyWithoutASilo()
    {
        var database = await server.Postgres.CreateDatabaseAsync("ops_" + Guid.NewGuid().ToString("N")[..12]);
        await using var cluster = await LocalCluster.StartAsync(database, silos: 1, gateways: 1);
        using var siloHttp = new HttpClient { BaseAddress = cluster.Silos[0].HttpAddress, Timeout = TimeSpan.FromSeconds(15) };
        using var gatewayHttp = new HttpClient { BaseAddress = cluster.Gateways[0].HttpAddress, Timeout = TimeSpan.FromSeconds(15) };

        Assert.Equal(HttpStatusCode.OK, (await siloHttp.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await siloHttp.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gatewayHttp.GetAsync("/health/ready")).StatusCode);

        await using var client = await FailoverClient.ConnectAsync([cluster.Gateways[0].HttpAddress], 0);
        var room = (await client.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Ops {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        var ack = await client.SendAsync(room, "ops-1", "measured", () => Task.CompletedTask);
        await client.WaitUntil(c => c.Pushed(room).Any(p => p.Event.Seq == ack.Seq), "the message to come back by push");

        var siloMetrics = await siloHttp.GetStringAsync("/metrics");
        Assert.Contains("chat_storage_commits_total{", siloMetrics);
        Assert.Contains("store=\"postgres\"", siloMetrics);
        Assert.Contains("chat_storage_commit_events_bucket", siloMetrics);
        Assert.Contains("chat_room_messages_total", siloMetrics);
        Assert.Contains("orleans_catalog_activations", siloMetrics);
        // The Orleans Dashboard answers on the silo's operations port (to this machine only).
        var dashboard = await siloHttp.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Orleans", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var gatewayMetrics = await gatewayHttp.GetStringAsync("/metrics");
        Assert.Contains("chat_gateway_connections", gatewayMetrics);
        Assert.Contains("chat_gateway_messages_received_total", gatewayMetrics);
        Assert.Contains("chat_gateway_fanout_latency_milliseconds_bucket", gatewayMetrics);

        // Without any silo the gateway lives on but must not be sent new clients.
        await cluster.Silos[0].KillAsync();
        Assert.Equal(HttpStatusCode.OK, (await gatewayHttp.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gatewayHttp.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Gateway_InClusterModeWithoutATokenKey_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ChatProcess.StartGatewayAsync("gateway", new Dictionary<string, string>
        {
            ["Chat:Mode"] = "Client",
            ["Chat:Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Chat"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
        }));

        Assert.Contains("Cluster mode needs Chat:TokenKey", error.Message);
    }
}
