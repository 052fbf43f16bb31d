using OrleansChat.Grains.Rooms;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>Blocking a user: what the blocked user can no longer do to the blocker, checked in the grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BlockTests(ChatCluster chat)
{
    [Fact]
    public async Task BlockedUser_CannotOpenANewDirectConversation_NorTheExistingOne()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        await chat.User(alice.UserId).Block(bob.UserId);

        var fresh = await Assert.ThrowsAsync<ChatException>(() => chat.User(bob.UserId).OpenDirect(alice.UserId));
        var direct = await Assert.ThrowsAsync<ChatException>(() =>
            chat.Room(RoomIds.Direct(alice.UserId, bob.UserId)).OpenDirect(bob.UserId, new MemberIdentity(bob.Name), alice.UserId, new MemberIdentity(alice.Name)));

        Assert.Equal(RoomGrain.UnreachableMessage, fresh.Message);
        Assert.Equal(RoomGrain.UnreachableMessage, direct.Message);
        Assert.DoesNotContain(await chat.User(alice.UserId).GetRooms(), r => r.Room.Kind == RoomKinds.Direct);
        // The blocker still may open it: the block is one-way.
        var opened = await chat.User(alice.UserId).OpenDirect(bob.UserId);
        await Assert.ThrowsAsync<ChatException>(() => chat.User(bob.UserId).OpenDirect(alice.UserId));
        Assert.Equal(RoomKinds.Direct, opened.Room.Kind);
    }

    [Fact]
    public async Task ExistingConversation_RefusesNewMessagesFromTheBlockedSide_UntilUnblocked()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var dm = (await chat.User(bob.UserId).OpenDirect(alice.UserId)).Room.Id;
        var room = chat.Room(dm);
        await room.Post(bob.UserId, "b1", "hello Alice");

        await chat.User(alice.UserId).Block(bob.UserId);

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.Post(bob.UserId, "b2", "are you there?"));
        Assert.Equal(RoomGrain.UnreachableMessage, refused.Message);
        await Assert.ThrowsAsync<ChatException>(() => room.Post(bob.UserId, [new PostRequest("b3", "still there?")]));
        await room.Post(alice.UserId, "a1", "I can still write"); // the blocker can
        var page = await room.GetEventsAfter(alice.UserId, 0, 10);
        Assert.Equal(["hello Alice", "I can still write"], page.Events.Select(e => e.Text));

        await chat.User(alice.UserId).Unblock(bob.UserId);
        await room.Post(bob.UserId, "b4", "thanks");
        Assert.Equal(3, (await room.GetEventsAfter(bob.UserId, 0, 10)).LastSeq);
    }

    [Fact]
    public async Task BlockBeforeTheConversationExists_TheBlockerOpensIt_AndTheBlockedSideCannotWrite()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        await chat.User(alice.UserId).Block(bob.UserId);

        var dm = (await chat.User(alice.UserId).OpenDirect(bob.UserId)).Room.Id;

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Room(dm).Post(bob.UserId, "b1", "hi"));
        Assert.Equal(RoomGrain.UnreachableMessage, refused.Message);
        await chat.Room(dm).Post(alice.UserId, "a1", "one-way");
    }

    [Fact]
    public async Task BlockedUser_CannotInviteTheBlocker_OthersCan()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var carol = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(bob.UserId, "invites");
        await chat.User(carol.UserId).JoinRoom(roomId);
        await chat.User(alice.UserId).Block(bob.UserId);

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Room(roomId).Invite(bob.UserId, alice.UserId));
        Assert.Equal(RoomGrain.UnreachableMessage, refused.Message);
        Assert.DoesNotContain(await chat.Room(roomId).AllMembers(bob.UserId), m => m.UserId == alice.UserId);

        await chat.Room(roomId).Invite(carol.UserId, alice.UserId);
        Assert.Contains(await chat.Room(roomId).AllMembers(bob.UserId), m => m.UserId == alice.UserId);
    }

    [Fact]
    public async Task BlockedList_IsInTheProfileAndListedWithNames_AndSelfOrUnknownUsersAreRefused()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        await chat.User(alice.UserId).Block(bob.UserId);
        await chat.User(alice.UserId).Block(bob.UserId); // idempotent

        Assert.Equal([bob.UserId], (await chat.User(alice.UserId).EnsureProfile()).Blocked!);
        Assert.Equal([new UserMatch(bob.UserId, bob.Name)], await chat.User(alice.UserId).GetBlocked());
        Assert.True(await chat.User(alice.UserId).Blocks(bob.UserId));
        Assert.False(await chat.User(bob.UserId).Blocks(alice.UserId));
        await Assert.ThrowsAsync<ChatException>(() => chat.User(alice.UserId).Block(alice.UserId));
        await Assert.ThrowsAsync<ChatException>(() => chat.User(alice.UserId).Block(Guid.NewGuid()));

        await chat.User(alice.UserId).Unblock(bob.UserId);
        Assert.Empty(await chat.User(alice.UserId).GetBlocked());
        Assert.Empty((await chat.User(alice.UserId).EnsureProfile()).Blocked!);
    }
}
