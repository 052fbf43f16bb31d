using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Health and metrics endpoints and the silo settings of the all-in-one gateway (co-hosted silo on SQLite).</summary>
public sealed class OperationsEndpointsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    [Fact]
    public async Task Health_LiveAndReady_AnswerOkOnceStarted_AndTheOldHealthEndpointStays()
    {
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync("/health/live")).StatusCode);
        var ready = await Host.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal("ok", await Host.Http.GetStringAsync("/health"));
    }

    [Fact]
    public async Task Metrics_AfterAMessage_ExposeConnectionsMessagesFanOutStorageOrleansActivationsAndGarbageCollections()
    {
        await using var client = await ChatClient.ConnectAsync(Host);
        var room = (await client.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Metrics {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        var sent = await client.SendAsync(room, "measured");
        await client.WaitUntil(c => c.Received(room).Any(e => e.Seq == sent.Seq), "the message to come back by push");

        var metrics = await Host.Http.GetStringAsync("/metrics");

        Assert.Contains("chat_gateway_connections", metrics);
        Assert.Contains("chat_gateway_messages_received_total", metrics);
        Assert.Contains("chat_gateway_events_pushed_total", metrics);
        Assert.Contains("chat_gateway_fanout_latency_milliseconds_bucket", metrics);
        Assert.Contains("chat_room_messages_total", metrics);
        Assert.Contains("chat_storage_commits_total{", metrics);
        Assert.Contains("chat_storage_commit_events_bucket", metrics);
        Assert.Contains("chat_storage_commit_duration_milliseconds_bucket", metrics);
        Assert.Contains("orleans_catalog_activations", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics);
        Assert.Contains("dotnet_gc_pause_time_seconds_total", metrics);
        Assert.Contains("dotnet_gc_collections_total{", metrics);
    }

    [Fact]
    public void AllInOne_KeepsNoGrainDirectoryCache_ItsOneSiloOwnsEveryEntry()
    {
        var directory = Host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.None, directory.CachingStrategy);
    }
}
