using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
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
        var database = await server.Postgres.CreateDatabaseAsync($"files_{Guid.NewGuid():N}"[..20]);
        var cluster = $"c_{Guid.NewGuid():N}"[..20];
        await using var silo = await PostgresSilo.StartSiloAsync(database, cluster);
        var settings = new Dictionary<string, string>
        {
            ["Chat:Mode"] = "Client",
            ["Chat:Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Chat"] = database,
            ["Orleans:ClusterId"] = cluster,
            ["Chat:TokenKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        using var firstData = new TempDirectory("orleanschat-files-gw1");
        using var secondData = new TempDirectory("orleanschat-files-gw2");
        await using var first = new GatewayHost(firstData.Path, settings);
        await using var second = new GatewayHost(secondData.Path, settings);
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
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM file_chunks WHERE file_id = $1", connection);
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.Id });
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }
}
