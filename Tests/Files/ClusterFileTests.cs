using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Tests.Storage;

namespace OrleansChat.Tests.Files;

/// <summary>In cluster mode the bytes live in PostgreSQL: a file shared through one gateway is served by every other.</summary>
public sealed class ClusterFileTests(PostgresClusterTests.Server server) : IClassFixture<PostgresClusterTests.Server>
{
    [Fact]
    public async Task AFileUploadedThroughOneGateway_IsServedByAnother_FromPostgres()
    {
        await using var cluster = await PostgresGateways.StartAsync(server.Postgres, "files");
        var (first, second) = (cluster.First, cluster.Second);
        await using var alice = await ChatClient.ConnectAsync(first);
        var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Cluster files {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        var png = FileRequests.Png(800, 600);

        using var upload = await FileRequests.UploadAsync(first.Http, alice.Session.Token, room, png, "image/png", "whiteboard.png");
        var file = (await upload.Content.ReadFromJsonAsync<FileRequests.Uploaded>())!.Attachment!;
        using var original = await FileRequests.DownloadAsync(second.Http, alice.Session.Token, file.Id);
        using var thumb = await FileRequests.DownloadAsync(second.Http, alice.Session.Token, file.Id, thumbnail: true);

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(png, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        await using var connection = new NpgsqlConnection(cluster.Database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM file_chunks WHERE file_id = $1", connection);
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.Id });
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }
}
