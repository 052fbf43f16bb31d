using System.Net;
using System.Net.Http.Json;
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
        await using var cluster = await PostgresGateways.StartAsync(server.Postgres, "avatars");
        var (first, second) = (cluster.First, cluster.Second);
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
