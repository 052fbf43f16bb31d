using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

[Collection(ClusterCollection.Name)]
public sealed class PresenceTests(ChatCluster chat)
{
    /// <summary>A room of a watcher (its owner) and a user, and an observer to play a gateway with.</summary>
    private async Task<(UserProfile Watcher, UserProfile User, string RoomId, IRoomGrain Room, RecordingObserver Observer, IRoomObserver Reference)> WatchedRoomAsync()
    {
        var watcher = await chat.NewUserAsync();
        var user = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(watcher.UserId);
        await chat.User(user.UserId).JoinRoom(roomId);
        var observer = new RecordingObserver();
        return (watcher, user, roomId, chat.Room(roomId), observer, chat.Client.CreateObjectReference<IRoomObserver>(observer));
    }

    [Fact]
    public async Task Online_UserConnectedToTwoGateways_IsOnlineUntilBothHaveNoConnection()
    {
        var (watcher, user, roomId, room, observer, reference) = await WatchedRoomAsync();
        await room.Subscribe("gw-a", reference, [watcher.UserId], 0, Guid.Empty, GatewayVersion.Next());

        var otherGateway = chat.Client.CreateObjectReference<IRoomObserver>(new RecordingObserver());
        await room.SetOnline("gw-a", reference, user.UserId, true, GatewayVersion.Next());
        await room.SetOnline("gw-b", otherGateway, user.UserId, true, GatewayVersion.Next());
        Assert.True((await room.AllMembers(watcher.UserId)).Single(m => m.UserId == user.UserId).Online);

        await room.SetOnline("gw-a", reference, user.UserId, false, GatewayVersion.Next());
        Assert.True((await room.AllMembers(watcher.UserId)).Single(m => m.UserId == user.UserId).Online);

        await room.SetOnline("gw-b", otherGateway, user.UserId, false, GatewayVersion.Next());
        Assert.False((await room.AllMembers(watcher.UserId)).Single(m => m.UserId == user.UserId).Online);

        await observer.WaitUntil(o => o.Changes(roomId).Count(c => c.Member.UserId == user.UserId) >= 2, "online and offline changes");
        Assert.Equal(
            [MemberChangeKinds.Online, MemberChangeKinds.Offline],
            observer.Changes(roomId).Where(c => c.Member.UserId == user.UserId).Select(c => c.Kind));
        GC.KeepAlive(observer);
    }

    [Fact]
    public async Task Unsubscribe_TakesTheGatewaysUsersOffline()
    {
        var (watcher, user, roomId, room, observer, reference) = await WatchedRoomAsync();
        await room.Subscribe("gw-watch", reference, [watcher.UserId], 0, Guid.Empty, GatewayVersion.Next());
        await room.Subscribe("gw-gone", reference, [user.UserId], 0, Guid.Empty, GatewayVersion.Next());

        await room.Unsubscribe("gw-gone");

        Assert.False((await room.AllMembers(watcher.UserId)).Single(m => m.UserId == user.UserId).Online);
        Assert.True((await room.AllMembers(watcher.UserId)).Single(m => m.UserId == watcher.UserId).Online);
        await observer.WaitUntil(o => o.Changes(roomId).Any(c => c.Kind == MemberChangeKinds.Offline && c.Member.UserId == user.UserId), "offline change");
        GC.KeepAlive(observer);
    }

    [Fact]
    public async Task Join_And_Leave_AreNotifiedToGateways()
    {
        var owner = await chat.NewUserAsync();
        var user = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(roomId);
        var observer = new RecordingObserver();
        var reference = chat.Client.CreateObjectReference<IRoomObserver>(observer);
        await room.Subscribe("gw-j", reference, [owner.UserId], 0, Guid.Empty, GatewayVersion.Next());

        await chat.User(user.UserId).JoinRoom(roomId);
        await chat.User(user.UserId).LeaveRoom(roomId);

        await observer.WaitUntil(o => o.Changes(roomId).Count(c => c.Member.UserId == user.UserId) >= 2, "joined and left");
        Assert.Equal(
            [MemberChangeKinds.Joined, MemberChangeKinds.Left],
            observer.Changes(roomId).Where(c => c.Member.UserId == user.UserId).Select(c => c.Kind));
        GC.KeepAlive(observer);
    }

    [Fact]
    public async Task Away_OnOneGateway_AndActiveOnAnother_IsOnline_AndAwayOnBoth_IsAway()
    {
        var (watcher, user, roomId, room, observer, reference) = await WatchedRoomAsync();
        var otherGateway = chat.Client.CreateObjectReference<IRoomObserver>(new RecordingObserver());
        await room.Subscribe("gw-a", reference, [watcher.UserId], 0, Guid.Empty, GatewayVersion.Next());
        async Task<MemberInfo> Seen() => (await room.AllMembers(watcher.UserId)).Single(m => m.UserId == user.UserId);

        await room.SetOnline("gw-a", reference, user.UserId, true, GatewayVersion.Next(), away: true);
        await room.SetOnline("gw-b", otherGateway, user.UserId, true, GatewayVersion.Next());
        Assert.Equal((true, false), ((await Seen()).Online, (await Seen()).Away));

        await room.SetOnline("gw-b", otherGateway, user.UserId, true, GatewayVersion.Next(), away: true);
        Assert.Equal((true, true), ((await Seen()).Online, (await Seen()).Away));

        await room.SetOnline("gw-b", otherGateway, user.UserId, false, GatewayVersion.Next());
        Assert.True((await Seen()).Away);
        await room.SetOnline("gw-a", reference, user.UserId, true, GatewayVersion.Next(), away: false);
        Assert.Equal((true, false), ((await Seen()).Online, (await Seen()).Away));

        await observer.WaitUntil(o => o.Changes(roomId).Count(c => c.Member.UserId == user.UserId) >= 4, "away and online changes");
        Assert.Equal(
            [MemberChangeKinds.Away, MemberChangeKinds.Online, MemberChangeKinds.Away, MemberChangeKinds.Online],
            observer.Changes(roomId).Where(c => c.Member.UserId == user.UserId).Select(c => c.Kind));
        Assert.True(observer.Changes(roomId).Where(c => c.Member.UserId == user.UserId && c.Kind == MemberChangeKinds.Away).All(c => c.Member.Online && c.Member.Away));
        GC.KeepAlive(observer);
    }
}
