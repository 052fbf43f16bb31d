using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Away state and status text through the hub: the pages of a user's tabs say away, the rooms combine them.</summary>
public sealed class AwayHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    private static async Task<string> NewRoomAsync(ChatClient owner, params ChatClient[] members)
    {
        var created = await owner.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Away {Guid.NewGuid().ToString("N")[..10]}");
        foreach (var m in members) await m.JoinAsync(created.Room.Id);
        return created.Room.Id;
    }

    private static async Task<MemberInfo> SeenBy(ChatClient watcher, string room, Guid userId) =>
        (await watcher.Connection.AllMembersAsync(room)).Single(m => m.UserId == userId);

    [Fact]
    public async Task OneTabAway_AndOneActive_IsOnline_BothAway_IsAway_AndOneBack_IsOnlineAgain()
    {
        await using var watcher = await ChatClient.ConnectAsync(Host);
        var session = await Host.NewSessionAsync();
        await using var tab1 = await ChatClient.ConnectAsync(Host, session);
        await using var tab2 = await ChatClient.ConnectAsync(Host, session);
        var room = await NewRoomAsync(watcher, tab1);
        bool AwayChange(MemberChange c) => c.Kind == MemberChangeKinds.Away && c.Member.UserId == session.UserId;

        await tab1.Connection.InvokeAsync("SetAway", true);
        await tab1.Connection.InvokeAsync("SetAway", true);
        var seen = await SeenBy(watcher, room, session.UserId);
        Assert.True(seen.Online);
        Assert.False(seen.Away);

        await tab2.Connection.InvokeAsync("SetAway", true);
        await watcher.WaitUntil(c => c.Changes(room).Any(AwayChange), "away once both tabs are away");
        Assert.True((await SeenBy(watcher, room, session.UserId)).Away);
        var change = watcher.Changes(room).Single(AwayChange);
        Assert.True(change.Member.Online);

        await tab1.Connection.InvokeAsync("SetAway", false);
        await watcher.WaitUntil(
            c => c.Changes(room).SkipWhile(ch => !AwayChange(ch)).Any(ch => ch.Kind == MemberChangeKinds.Online && ch.Member.UserId == session.UserId),
            "online again after one tab is back");
        Assert.False((await SeenBy(watcher, room, session.UserId)).Away);
    }

    [Fact]
    public async Task ClosingTheOnlyActiveTab_LeavesTheUserAway_AndANewTabBringsThemBack()
    {
        await using var watcher = await ChatClient.ConnectAsync(Host);
        var session = await Host.NewSessionAsync();
        await using var idle = await ChatClient.ConnectAsync(Host, session);
        var active = await ChatClient.ConnectAsync(Host, session);
        var room = await NewRoomAsync(watcher, idle);
        await idle.Connection.InvokeAsync("SetAway", true);

        await active.DisposeAsync();
        await watcher.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Away && ch.Member.UserId == session.UserId), "away");

        // Only a change after the new tab counts: the user's first connection was an Online change too.
        var before = watcher.Changes(room).Count();
        await using var fresh = await ChatClient.ConnectAsync(Host, session);
        await watcher.WaitUntil(c => c.Changes(room).Skip(before).Any(ch => ch.Kind == MemberChangeKinds.Online && ch.Member.UserId == session.UserId), "online with a new tab");
        Assert.False((await SeenBy(watcher, room, session.UserId)).Away);
    }

    [Fact]
    public async Task Hello_TellsThePageHowLongItWaitsBeforeItIsAway()
    {
        await using var client = await ChatClient.ConnectAsync(Host);

        var profile = await client.Connection.InvokeAsync<UserProfile>("Hello");

        Assert.Equal(600, profile.AwayAfterSeconds);
    }

    [Fact]
    public async Task SetStatus_ReachesTheOtherMembers_AndABadOneIsRefusedWithItsReason()
    {
        await using var alice = await ChatClient.ConnectAsync(Host);
        await using var bob = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(bob, alice);

        var profile = await alice.Connection.InvokeAsync<UserProfile>("SetStatus", "Back at 3");
        var refused = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<UserProfile>("SetStatus", "two\nlines"));

        Assert.Equal("Back at 3", profile.Status);
        Assert.Contains("line breaks", refused.Message);
        await bob.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Profile && ch.Member.Status == "Back at 3"), "alice's status");
        Assert.Equal("Back at 3", (await SeenBy(bob, room, alice.UserId)).Status);
        Assert.Equal("Back at 3", (await alice.Connection.InvokeAsync<UserProfile>("Hello")).Status);
        Assert.Null((await alice.Connection.InvokeAsync<UserProfile>("SetStatus", (string?)null)).Status);
    }

    [Fact]
    public async Task SetAway_InALoop_IsRefusedPastItsBurst_AndTheConnectionStaysUsable()
    {
        await using var client = await ChatClient.ConnectAsync(Host);

        // A burst of 10, then one every 5 s: 20 calls in a row meet the limit however slowly this machine runs them.
        HubException? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            try { await client.Connection.InvokeAsync("SetAway", i % 2 == 0); }
            catch (HubException ex) { refused = ex; }
        }

        Assert.NotNull(refused);
        Assert.Contains("too often", refused.Message);
        Assert.NotNull(await client.Connection.InvokeAsync<UserProfile>("Hello"));
    }
}
