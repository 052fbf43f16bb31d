using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

[Collection(ClusterCollection.Name)]
public sealed class DirectConversationTests(ChatCluster chat)
{
    [Fact]
    public async Task OpenDirect_FromEitherSide_IsTheOneConversationOfThePair()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var bGateway = new RecordingObserver();
        await chat.User(b.UserId).AdmitConnection("gw-b", chat.Client.CreateObjectReference<IRoomObserver>(bGateway), "b-tab");

        var fromA = await chat.User(a.UserId).OpenDirect(b.UserId);
        await chat.Room(fromA.Room.Id).Post(a.UserId, "d1", "psst");
        var fromB = await chat.User(b.UserId).OpenDirect(a.UserId);

        Assert.Equal(fromA.Room.Id, fromB.Room.Id);
        Assert.Equal(RoomKinds.Direct, fromB.Room.Kind);
        Assert.True(fromB.Room.IsPrivate);
        Assert.Equal(["psst"], fromB.Recent.Select(e => e.Text));
        Assert.Equal(2, fromB.Members.Count);
        // B's gateway heard that the conversation was added for B, so B's open tabs receive it at once.
        await bGateway.WaitUntil(o => o.RoomsAdded(fromA.Room.Id).Contains(b.UserId), "the conversation to be added for B");
        GC.KeepAlive(bGateway);
    }

    [Fact]
    public async Task DirectConversation_IsClosedToEveryoneElse()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var c = await chat.NewUserAsync();
        var dm = (await chat.User(a.UserId).OpenDirect(b.UserId)).Room.Id;
        var room = chat.Room(dm);

        await Assert.ThrowsAsync<ChatException>(() => chat.User(c.UserId).JoinRoom(dm));
        await Assert.ThrowsAsync<ChatException>(() => room.GetEventsAfter(c.UserId, 0, 10));
        await Assert.ThrowsAsync<ChatException>(() => room.Invite(a.UserId, c.UserId));
        await Assert.ThrowsAsync<ChatException>(() => room.OpenDirect(c.UserId, new MemberIdentity(c.Name), a.UserId, new MemberIdentity(a.Name)));
        await Assert.ThrowsAsync<ChatException>(() => chat.User(a.UserId).OpenDirect(a.UserId));
        await Assert.ThrowsAsync<ChatException>(() => chat.User(a.UserId).LeaveRoom(dm));
    }

    [Fact]
    public async Task RoomList_CountsUnreadFromTheReadMarker()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var dm = (await chat.User(a.UserId).OpenDirect(b.UserId)).Room.Id;
        for (var i = 0; i < 3; i++) await chat.Room(dm).Post(a.UserId, $"u{i}", $"unread {i}");
        await chat.User(b.UserId).OpenDirect(a.UserId);

        var before = (await chat.User(b.UserId).GetRooms()).Single(r => r.Room.Id == dm);
        await chat.User(b.UserId).MarkRead(dm, 2);
        var after = (await chat.User(b.UserId).GetRooms()).Single(r => r.Room.Id == dm);

        Assert.Equal(3, before.LastSeq);
        Assert.Equal(0, before.ReadSeq);
        Assert.Equal(2, after.ReadSeq);
        Assert.Equal(a.UserId, after.Peer!.UserId);
        Assert.Equal(a.Name, after.Peer.Name);
        await Assert.ThrowsAsync<ChatException>(() => chat.User(b.UserId).MarkRead("not-my-room", 1));
    }
}
