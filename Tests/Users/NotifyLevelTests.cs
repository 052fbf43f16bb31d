using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>Notification levels per room, kept in the user grain and returned with the user's room list.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NotifyLevelTests(ChatCluster chat)
{
    [Fact]
    public async Task NotifyLevel_DefaultsToMentionsInRoomsAndAllInDirectConversations()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var room = await chat.NewRoomAsync(alice.UserId);
        var dm = (await chat.User(alice.UserId).OpenDirect(bob.UserId)).Room.Id;

        var rooms = await chat.User(alice.UserId).GetRooms();

        Assert.Equal(NotifyLevels.Mentions, Assert.Single(rooms, r => r.Room.Id == room).Notify);
        Assert.Equal(NotifyLevels.All, Assert.Single(rooms, r => r.Room.Id == dm).Notify);
    }

    [Fact]
    public async Task SetNotify_IsReturnedWithTheRoomList_ForThatUserOnly()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var room = await chat.NewRoomAsync(alice.UserId);
        await chat.User(bob.UserId).JoinRoom(room);

        await chat.User(alice.UserId).SetNotify(room, NotifyLevels.Nothing);

        Assert.Equal(NotifyLevels.Nothing, Assert.Single(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == room).Notify);
        Assert.Equal(NotifyLevels.Mentions, Assert.Single(await chat.User(bob.UserId).GetRooms(), r => r.Room.Id == room).Notify);

        await chat.User(alice.UserId).SetNotify(room, NotifyLevels.All);
        Assert.Equal(NotifyLevels.All, Assert.Single(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == room).Notify);
        await chat.User(alice.UserId).SetNotify(room, NotifyLevels.Mentions);
        Assert.Equal(NotifyLevels.Mentions, Assert.Single(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == room).Notify);
    }

    [Fact]
    public async Task SetNotify_OfAnUnknownLevelOrARoomOfOthers_IsRefused()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var mine = await chat.NewRoomAsync(alice.UserId);
        var theirs = await chat.NewRoomAsync(bob.UserId, isPrivate: true);

        var level = await Assert.ThrowsAsync<ChatException>(() => chat.User(alice.UserId).SetNotify(mine, "loud"));
        var room = await Assert.ThrowsAsync<ChatException>(() => chat.User(alice.UserId).SetNotify(theirs, NotifyLevels.All));

        Assert.Contains("'all', 'mentions' or 'nothing'", level.Message);
        Assert.Equal($"There is no room '{theirs}'.", room.Message);
    }

    [Fact]
    public async Task NotifyLevel_IsForgottenWhenTheUserLeaves()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var room = await chat.NewRoomAsync(alice.UserId);
        await chat.User(bob.UserId).JoinRoom(room);
        await chat.User(bob.UserId).SetNotify(room, NotifyLevels.Nothing);

        await chat.User(bob.UserId).LeaveRoom(room);
        await chat.User(bob.UserId).JoinRoom(room);

        Assert.Equal(NotifyLevels.Mentions, Assert.Single(await chat.User(bob.UserId).GetRooms(), r => r.Room.Id == room).Notify);
    }
}
