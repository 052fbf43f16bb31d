using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Tests.Storage;
using SkiaSharp;

namespace OrleansChat.Tests.Users;

/// <summary>
/// In cluster mode a picture lives in the user grain's state in PostgreSQL: uploaded through one gateway, it is pushed
/// to a room member connected to another, which serves it too.
/// </summary>
public sealed class ClusterAvatarTests(PostgresClusterTests.Server server) : IClassFixture<PostgresClusterTests.Server>
{
    [Fact]
    public async Task APictureUploadedThroughOneGateway_IsPushedAndServedByAnother()
    {
        var database = await server.Postgres.CreateDatabaseAsync($"avatars_{Guid.NewGuid():N}"[..20]);
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
        using var firstData = new TempDirectory("orleanschat-avatars-gw1");
        using var secondData = new TempDirectory("orleanschat-avatars-gw2");
        await using var first = new GatewayHost(firstData.Path, settings);
        await using var second = new GatewayHost(secondData.Path, settings);
        await using var alice = await ChatClient.ConnectAsync(first);
        await using var bob = await ChatClient.ConnectAsync(second);
        var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Cluster faces {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await bob.JoinAsync(room);

        using var upload = await AvatarRequests.UploadAsync(first.Http, alice.Session.Token, FileRequests.Png(300, 300), "image/png");
        var profile = (await upload.Content.ReadFromJsonAsync<UserProfile>())!;

        await bob.WaitUntil(c => c.Changes(room).Any(m => m.Kind == MemberChangeKinds.Profile && m.Member.UserId == alice.UserId && m.Member.Avatar == profile.Avatar),
            "alice's picture pushed through the other gateway");
        using var fetched = await AvatarRequests.GetAsync(second.Http, bob.Session.Token, alice.UserId, profile.Avatar);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        using var picture = SKBitmap.Decode(await fetched.Content.ReadAsByteArrayAsync());
        Assert.Equal((128, 128), (picture.Width, picture.Height));
    }
}
