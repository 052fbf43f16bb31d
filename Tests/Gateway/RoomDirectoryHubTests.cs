using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary><c>ListRooms</c> through the hub, on a gateway whose pages are configured small (Chat:Directory).</summary>
public sealed class RoomDirectoryHubTests(RoomDirectoryHubTests.SmallPagesGateway gateway) : IClassFixture<RoomDirectoryHubTests.SmallPagesGateway>
{
    public sealed class SmallPagesGateway() : GatewayFixture(new Dictionary<string, string>
    {
        ["Chat:Directory:DefaultPageSize"] = "2",
        ["Chat:Directory:MaxPageSize"] = "3",
    });

    [Fact]
    public async Task ListRooms_PagesAreBoundedByTheSettings_SearchFindsARoomOnALaterPage()
    {
        await using var alice = await ChatClient.ConnectAsync(gateway.Host);
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { $"a{tag} one", $"a{tag} two", $"a{tag} three", $"a{tag} four", $"z{tag} needle" })
            await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", name);

        var byDefault = await alice.Connection.InvokeAsync<RoomDirectoryPage>("ListRooms", null, null, 0);
        var huge = await alice.Connection.InvokeAsync<RoomDirectoryPage>("ListRooms", "", null, int.MaxValue);
        var found = await alice.Connection.InvokeAsync<RoomDirectoryPage>("ListRooms", "NEEDLE", null, 0);

        Assert.Equal([ChatLimits.LobbyId, $"a{tag}-four"], byDefault.Rooms.Select(r => r.Id));
        Assert.Equal($"a{tag}-four", byDefault.Next);
        Assert.Equal(3, huge.Rooms.Count);
        Assert.Equal([$"z{tag}-needle"], found.Rooms.Select(r => r.Id));

        var rest = new List<string>();
        for (var after = huge.Next; after is not null;)
        {
            var page = await alice.Connection.InvokeAsync<RoomDirectoryPage>("ListRooms", null, after, 100);
            Assert.InRange(page.Rooms.Count, 1, 3);
            rest.AddRange(page.Rooms.Select(r => r.Id));
            after = page.Next;
        }
        Assert.Equal([$"a{tag}-three", $"a{tag}-two", $"z{tag}-needle"], rest);
    }

    [Fact]
    public async Task ListRooms_WithATooLongSearch_IsRefusedAndTheConnectionStaysUsable()
    {
        await using var alice = await ChatClient.ConnectAsync(gateway.Host);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            alice.Connection.InvokeAsync<RoomDirectoryPage>("ListRooms", new string('x', ChatLimits.MaxRoomSearchLength + 1), null, 0));

        Assert.Contains("too long", error.Message);
        Assert.Equal(ChatLimits.LobbyId, (await alice.Connection.InvokeAsync<RoomDirectoryPage>("ListRooms", null, null, 1)).Rooms[0].Id);
    }
}
