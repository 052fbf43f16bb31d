using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>SetNotify through the hub: the level follows the user to another connection (another device), in MyRooms.</summary>
public sealed class NotifyHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    [Fact]
    public async Task SetNotify_IsListedByMyRooms_OnAnotherConnectionOfTheUser()
    {
        await using var phone = await ChatClient.ConnectAsync(Host);
        var room = (await phone.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Quiet {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;

        await phone.Connection.InvokeAsync("SetNotify", room, "nothing");

        await using var laptop = await ChatClient.ConnectAsync(Host, phone.Session);
        var listing = Assert.Single(await laptop.Connection.InvokeAsync<RoomListing[]>("MyRooms"), r => r.Room.Id == room);
        Assert.Equal("nothing", listing.Notify);
    }

    [Fact]
    public async Task SetNotify_WithABadLevelOrRoom_IsRefusedToTheCallerOnly()
    {
        await using var alice = await ChatClient.ConnectAsync(Host);

        var missing = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("SetNotify", ChatLimits.LobbyId, (string?)null));
        var unknown = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("SetNotify", ChatLimits.LobbyId, "loud"));
        var notMember = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("SetNotify", "p-nowhere", "all"));

        Assert.Contains("notification level is missing", missing.Message);
        Assert.Contains("'all', 'mentions' or 'nothing'", unknown.Message);
        Assert.Contains("There is no room 'p-nowhere'.", notMember.Message);
        Assert.Equal(ChatLimits.LobbyId, (await alice.JoinAsync(ChatLimits.LobbyId)).Room.Id);
    }
}
