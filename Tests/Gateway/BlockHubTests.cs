using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Block, Unblock, Blocked and HideConversation through the hub, on a gateway that allows 2 blocks per user.</summary>
public sealed class BlockHubTests(BlockHubTests.FewBlocksGateway gateway) : IClassFixture<BlockHubTests.FewBlocksGateway>
{
    public sealed class FewBlocksGateway() : GatewayFixture(new Dictionary<string, string> { ["Chat:Blocking:MaxBlockedUsers"] = "2" });

    private GatewayHost Host => gateway.Host;

    [Fact]
    public async Task Block_TheBlockedUserCannotWriteOrStartAConversation_TheBlockerSeesTheListInHello()
    {
        await using var alice = await ChatClient.ConnectAsync(Host);
        await using var bob = await ChatClient.ConnectAsync(Host);
        var dm = (await bob.Connection.InvokeAsync<JoinResult>("OpenDirect", alice.UserId)).Room.Id;
        await bob.SendAsync(dm, "before");

        await alice.Connection.InvokeAsync("Block", bob.UserId);

        var send = await Assert.ThrowsAsync<HubException>(() => bob.SendAsync(dm, "after"));
        var open = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<JoinResult>("OpenDirect", alice.UserId));
        Assert.Contains("That person cannot be reached.", send.Message);
        Assert.Contains("That person cannot be reached.", open.Message);
        var hello = await alice.Connection.InvokeAsync<UserProfile>("Hello");
        Assert.Equal([bob.UserId], hello.Blocked!);
        var blocked = await alice.Connection.InvokeAsync<UserMatch[]>("Blocked");
        Assert.Equal(bob.UserId, Assert.Single(blocked).UserId);
        // Bob's connection stays usable.
        Assert.Equal(ChatLimits.LobbyId, (await bob.JoinAsync(ChatLimits.LobbyId)).Room.Id);

        await alice.Connection.InvokeAsync("Unblock", bob.UserId);
        await bob.SendAsync(dm, "after the unblock");
        Assert.Empty(await alice.Connection.InvokeAsync<UserMatch[]>("Blocked"));
    }

    [Fact]
    public async Task Block_PastTheConfiguredMaximum_IsRefused()
    {
        await using var alice = await ChatClient.ConnectAsync(Host);
        var others = new List<ChatClient>();
        for (var i = 0; i < 3; i++) others.Add(await ChatClient.ConnectAsync(Host));
        try
        {
            await alice.Connection.InvokeAsync("Block", others[0].UserId);
            await alice.Connection.InvokeAsync("Block", others[1].UserId);
            await alice.Connection.InvokeAsync("Block", others[1].UserId); // a repeat takes no place

            var error = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("Block", others[2].UserId));

            Assert.Contains("at most 2", error.Message);
            Assert.Equal(2, (await alice.Connection.InvokeAsync<UserMatch[]>("Blocked")).Length);
        }
        finally
        {
            foreach (var other in others) await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task HideConversation_TakesItOffMyRooms_UntilANewMessage()
    {
        await using var alice = await ChatClient.ConnectAsync(Host);
        await using var bob = await ChatClient.ConnectAsync(Host);
        var dm = (await bob.Connection.InvokeAsync<JoinResult>("OpenDirect", alice.UserId)).Room.Id;
        await bob.SendAsync(dm, "first");

        await alice.Connection.InvokeAsync("HideConversation", dm);
        Assert.DoesNotContain(await alice.Connection.InvokeAsync<RoomListing[]>("MyRooms"), r => r.Room.Id == dm);
        await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("HideConversation", ChatLimits.LobbyId));

        await bob.SendAsync(dm, "second");
        await alice.WaitUntil(c => c.Received(dm).Any(e => e.Text == "second"), "the new message to be pushed to Alice");
        var listing = Assert.Single(await alice.Connection.InvokeAsync<RoomListing[]>("MyRooms"), r => r.Room.Id == dm);
        Assert.Equal(2, listing.Unread);
    }
}
