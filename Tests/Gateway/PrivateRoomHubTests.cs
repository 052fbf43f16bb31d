using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Private rooms and direct conversations through the hub: refusals, and nothing leaking into events.</summary>
public sealed class PrivateRoomHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    [Fact]
    public async Task PrivateRoom_NonMemberKickedAndBannedUsers_AreRefusedAndHearNothing()
    {
        await using var owner = await ChatClient.ConnectAsync(Host);
        await using var outsider = await ChatClient.ConnectAsync(Host);
        await using var kicked = await ChatClient.ConnectAsync(Host);
        await using var banned = await ChatClient.ConnectAsync(Host);
        var room = (await owner.Connection.InvokeAsync<JoinResult>("CreatePrivateRoom", "Secret Plans")).Room.Id;
        foreach (var c in new[] { kicked, banned }) await owner.Connection.InvokeAsync<MemberInfo>("Invite", room, c.UserId);
        await kicked.WaitUntil(c => c.WasAdded(room), "the invitation to reach the invited user");
        await owner.SendAsync(room, "before the kick");
        await kicked.WaitUntil(c => c.Received(room).Any(e => e.Text == "before the kick"), "the member to receive the room");

        await owner.Connection.InvokeAsync("Kick", room, kicked.UserId);
        await owner.Connection.InvokeAsync("Ban", room, banned.UserId);
        await kicked.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Kicked && ch.Member.UserId == kicked.UserId), "the kick notice");
        await owner.SendAsync(room, "after the kick: secret");

        foreach (var refused in new[] { outsider, kicked, banned })
        {
            foreach (var call in new Func<Task>[]
            {
                () => refused.SendAsync(room, "let me in"),
                () => refused.JoinAsync(room),
                () => refused.Connection.InvokeAsync<EventPage>("CatchUp", room, 0L),
                () => refused.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50),
                () => refused.Connection.InvokeAsync<MemberPage>("Members", room, null, 50, null),
                () => refused.Connection.InvokeAsync<MemberInfo>("Invite", room, refused.UserId),
                () => refused.Connection.InvokeAsync("Typing", room),
            })
            {
                var error = await Assert.ThrowsAsync<HubException>(call);
                Assert.Contains($"There is no room '{room}'", error.Message);
                Assert.DoesNotContain("Secret", error.Message);
            }
        }

        // A member's view proves the post-kick message was delivered; the refused users never got it.
        await owner.WaitUntil(c => c.Received(room).Any(e => e.Text == "after the kick: secret"), "the owner's own message");
        Assert.DoesNotContain(room, outsider.RoomsHeardOf());
        Assert.DoesNotContain(kicked.Received(room), e => e.Text.Contains("after"));
        Assert.DoesNotContain(banned.Received(room), e => e.Text.Contains("after"));
        var visible = await outsider.Connection.InvokeAsync<RoomDirectoryPage>("ListRooms", "Secret", null, 0);
        Assert.DoesNotContain(visible.Rooms, r => r.Id == room || r.Name.Contains("Secret"));
        Assert.DoesNotContain(await kicked.Connection.InvokeAsync<RoomListing[]>("MyRooms"), r => r.Room.Id == room);
    }

    [Fact]
    public async Task DirectMessage_ReachesThePeerLive_WithUnreadCounts_AndNobodyElse()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        await using var c = await ChatClient.ConnectAsync(Host);

        var dm = (await a.Connection.InvokeAsync<JoinResult>("OpenDirect", b.UserId)).Room.Id;
        await b.WaitUntil(x => x.WasAdded(dm), "the conversation to appear for B");
        await a.SendAsync(dm, "hello b");

        await b.WaitUntil(x => x.Received(dm).Any(e => e.Text == "hello b"), "the direct message");
        var listing = (await b.Connection.InvokeAsync<RoomListing[]>("MyRooms")).Single(r => r.Room.Id == dm);
        Assert.Equal(1, listing.Unread);
        Assert.Equal(a.UserId, listing.Peer!.UserId);
        await b.Connection.InvokeAsync("MarkRead", dm, 1L);
        listing = (await b.Connection.InvokeAsync<RoomListing[]>("MyRooms")).Single(r => r.Room.Id == dm);
        Assert.Equal(0, listing.Unread);
        Assert.DoesNotContain(dm, c.RoomsHeardOf());
        await Assert.ThrowsAsync<HubException>(() => c.JoinAsync(dm));
    }

    [Fact]
    public async Task Invite_AddsTheRoomToEveryTabOfTheInvitedUserLive()
    {
        await using var owner = await ChatClient.ConnectAsync(Host);
        var session = await Host.NewSessionAsync();
        await using var tab1 = await ChatClient.ConnectAsync(Host, session);
        await using var tab2 = await ChatClient.ConnectAsync(Host, session);
        var room = (await owner.Connection.InvokeAsync<JoinResult>("CreatePrivateRoom", "Invite Only")).Room.Id;

        await owner.Connection.InvokeAsync<MemberInfo>("Invite", room, session.UserId);
        await tab1.WaitUntil(c => c.WasAdded(room), "tab 1 to learn of the room");
        await tab2.WaitUntil(c => c.WasAdded(room), "tab 2 to learn of the room");
        await owner.SendAsync(room, "welcome");

        await tab1.WaitUntil(c => c.Received(room).Any(e => e.Text == "welcome"), "tab 1 to receive");
        await tab2.WaitUntil(c => c.Received(room).Any(e => e.Text == "welcome"), "tab 2 to receive");
    }

    [Fact]
    public async Task OnlineUsersAndSearch_FindOtherPeopleToTalkTo()
    {
        await using var seeker = await ChatClient.ConnectAsync(Host);
        var session = await Host.NewSessionAsync();
        var target = await ChatClient.ConnectAsync(Host, session);
        await seeker.JoinAsync(ChatLimits.LobbyId);
        await target.JoinAsync(ChatLimits.LobbyId);
        var unique = $"Qx{Guid.NewGuid().ToString("N")[..6]}";
        await target.Connection.InvokeAsync<UserProfile>("Rename", $"{unique} Target");

        var found = await seeker.Connection.InvokeAsync<UserMatch[]>("SearchUsers", unique[..5]);
        var online = await seeker.Connection.InvokeAsync<UserMatch[]>("OnlineUsers");

        Assert.Contains(found, m => m.UserId == session.UserId && m.Name == $"{unique} Target");
        Assert.DoesNotContain(await seeker.Connection.InvokeAsync<UserMatch[]>("SearchUsers", session.Name), m => m.UserId == session.UserId);
        Assert.Contains(online, m => m.UserId == session.UserId);
        await target.DisposeAsync();
        // The gateway updates the system-wide list before it tells the rooms, so the lobby's offline notice comes after.
        await seeker.WaitUntil(c => c.Changes(ChatLimits.LobbyId).Any(ch => ch.Kind == MemberChangeKinds.Offline && ch.Member.UserId == session.UserId), "the offline notice");
        var after = await seeker.Connection.InvokeAsync<UserMatch[]>("OnlineUsers");
        Assert.DoesNotContain(after, m => m.UserId == session.UserId);
    }
}
