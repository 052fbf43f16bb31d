using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>Group conversations (issue 14): private conversations of three to nine people without a room name.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GroupConversationTests(ChatCluster chat)
{
    [Fact]
    public async Task CreateGroup_PutsEveryoneInOnePrivateConversation_ListedForEachOfThem()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var c = await chat.NewUserAsync();
        var cGateway = new RecordingObserver();
        await chat.User(c.UserId).AdmitConnection("gw-c", chat.Client.CreateObjectReference<IRoomObserver>(cGateway), "c-tab");

        var group = await chat.User(a.UserId).CreateGroup([b.UserId, c.UserId, b.UserId, a.UserId]);
        var id = group.Room.Id;
        await chat.Room(id).Post(b.UserId, "g1", "hello both");

        Assert.StartsWith("g-", id);
        Assert.Equal(RoomKinds.Group, group.Room.Kind);
        Assert.True(group.Room.IsPrivate);
        Assert.Equal(new[] { a.UserId, b.UserId, c.UserId }.Order(), group.Members.Select(m => m.UserId).Order());
        foreach (var user in new[] { a, b, c })
        {
            var listing = Assert.Single(await chat.User(user.UserId).GetRooms(), r => r.Room.Id == id);
            Assert.Equal(NotifyLevels.All, listing.Notify); // like a direct conversation: every message
        }
        Assert.Equal(["hello both"], (await chat.Room(id).GetEventsAfter(c.UserId, 0, 10)).Events.Select(e => e.Text));
        await cGateway.WaitUntil(o => o.RoomsAdded(id).Contains(c.UserId), "the conversation to be added for C");
        GC.KeepAlive(cGateway);
    }

    [Fact]
    public async Task AGroup_IsClosedToOthers_HasNoModeration_AndCanBeLeft()
    {
        var (a, b, c, d) = (await chat.NewUserAsync(), await chat.NewUserAsync(), await chat.NewUserAsync(), await chat.NewUserAsync());
        var id = (await chat.User(a.UserId).CreateGroup([b.UserId, c.UserId])).Room.Id;
        var room = chat.Room(id);
        var first = await room.Post(a.UserId, "m1", "plan");

        await Assert.ThrowsAsync<ChatException>(() => chat.User(d.UserId).JoinRoom(id));
        await Assert.ThrowsAsync<ChatException>(() => room.GetEventsAfter(d.UserId, 0, 10));
        var invite = await Assert.ThrowsAsync<ChatException>(() => room.Invite(a.UserId, d.UserId));
        Assert.Equal("A group conversation has no moderation; start a new one to add people.", invite.Message);
        await Assert.ThrowsAsync<ChatException>(() => room.Kick(a.UserId, b.UserId));
        // Anyone may pin in a conversation, nobody deletes another's message.
        await room.Pin(c.UserId, "p1", first.Seq, true);
        await Assert.ThrowsAsync<ChatException>(() => room.Delete(b.UserId, "d1", first.Seq));

        await chat.User(c.UserId).LeaveRoom(id);
        await Assert.ThrowsAsync<ChatException>(() => room.Post(c.UserId, "m2", "still here?"));
        Assert.DoesNotContain(id, (await chat.User(c.UserId).GetRooms()).Select(r => r.Room.Id));
        Assert.Equal(2, (await room.AllMembers(a.UserId)).Count);
    }

    [Fact]
    public async Task CreateGroup_NeedsTwoOthers_AtMostNinePeople_AndNobodyWhoBlockedTheCreator()
    {
        var a = await chat.NewUserAsync();
        var others = new List<UserProfile>();
        for (var i = 0; i < 9; i++) others.Add(await chat.NewUserAsync());

        var tooFew = await Assert.ThrowsAsync<ChatException>(() => chat.User(a.UserId).CreateGroup([others[0].UserId]));
        Assert.Contains("at least two other people", tooFew.Message);
        var tooMany = await Assert.ThrowsAsync<ChatException>(() => chat.User(a.UserId).CreateGroup([.. others.Select(o => o.UserId)]));
        Assert.Equal("A group conversation has at most 9 people.", tooMany.Message);
        await Assert.ThrowsAsync<ChatException>(() => chat.User(a.UserId).CreateGroup([others[0].UserId, Guid.NewGuid()]));

        await chat.User(others[1].UserId).Block(a.UserId);
        var blocked = await Assert.ThrowsAsync<ChatException>(() => chat.User(a.UserId).CreateGroup([others[0].UserId, others[1].UserId]));
        Assert.Equal("That person cannot be reached.", blocked.Message);

        var nine = await chat.User(a.UserId).CreateGroup([others[0].UserId, .. others.Skip(2).Select(o => o.UserId)]);
        Assert.Equal(9, nine.Members.Count);
    }
}
