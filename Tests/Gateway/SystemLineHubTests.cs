using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>System lines through the hub: pushed live as events, and caught up by a client that was offline.</summary>
public sealed class SystemLineHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    [Fact]
    public async Task KickAndRename_WhileAMemberIsOffline_ReachItByCatchUp_AndOthersLive_WithoutUnread()
    {
        await using var owner = await ChatClient.ConnectAsync(Host);
        await using var kicked = await ChatClient.ConnectAsync(Host);
        var session = await Host.NewSessionAsync();
        var reader = await ChatClient.ConnectAsync(Host, session);
        var room = (await owner.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Lines {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await kicked.JoinAsync(room);
        var joined = await reader.JoinAsync(room);
        var hello = await owner.SendAsync(room, "hello");
        await reader.WaitUntil(c => c.Messages(room).Count == 1, "the first message");
        await reader.Connection.InvokeAsync("MarkRead", room, hello.Seq);
        var seen = reader.Received(room).Max(e => e.Seq);
        await reader.DisposeAsync();

        await owner.Connection.InvokeAsync("Kick", room, kicked.UserId);
        await owner.Connection.InvokeAsync<RoomSummary>("UpdateRoom", room, "Renamed lines", null, null);

        await using var back = await ChatClient.ConnectAsync(Host, session);
        var page = await back.Connection.InvokeAsync<EventPage>("CatchUp", room, seen);
        Assert.Equal([hello.Seq + 1, hello.Seq + 2], page.Events.Select(e => e.Seq));
        var kick = MemberLine.Of(page.Events[0])!;
        Assert.Equal((owner.UserId, MemberLine.Kicked, kicked.UserId, kicked.Session.Name), (page.Events[0].AuthorId, kick.Change, kick.UserId, kick.Name));
        Assert.Equal(new RoomLine(RoomLine.Renamed, Name: "Renamed lines", OldName: joined.Room.Name), RoomLine.Of(page.Events[1]));
        // The owner got both live, in the sequence; the kicked member got neither (only the removal notice).
        await owner.WaitUntil(c => c.Received(room).Any(e => e.Seq == hello.Seq + 2), "the rename line");
        Assert.Equal([RoomEventKinds.Member, RoomEventKinds.Room], owner.Received(room).Where(e => e.Seq > hello.Seq).Select(e => e.Kind));
        Assert.DoesNotContain(kicked.Received(room), e => e.Seq > hello.Seq);
        // History carries them too, and they leave nothing unread.
        var history = await back.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 2);
        Assert.Equal(page.Events, history.Events);
        var listing = (await back.Connection.InvokeAsync<RoomListing[]>("MyRooms")).Single(l => l.Room.Id == room);
        Assert.Equal((0L, hello.Seq + 2), (listing.Unread, listing.LastSeq));
    }
}
