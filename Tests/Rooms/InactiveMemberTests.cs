using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>Issue 14's ghosts: inactive members leave public rooms after the expiry; a cluster of its own, on a fake clock.</summary>
public sealed class InactiveMemberTests : IAsyncLifetime
{
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(30);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ChatCluster _chat;

    public InactiveMemberTests() => _chat = ChatCluster.WithRoomOptions(rooms => rooms.InactiveMemberExpiry = Expiry, _time);

    public Task InitializeAsync() => _chat.InitializeAsync();

    public Task DisposeAsync() => _chat.DisposeAsync();

    [Fact]
    public async Task InactiveGuest_LeavesTheLobbyAfterTheExpiry_AndTheirRoomListAgrees_WhilePrivateRoomsKeepThem()
    {
        var owner = await _chat.NewUserAsync();
        var stayer = await _chat.NewUserAsync();
        var ghost = await _chat.NewUserAsync();
        await _chat.User(stayer.UserId).JoinRoom(ChatLimits.LobbyId);
        await _chat.User(ghost.UserId).JoinRoom(ChatLimits.LobbyId);
        var privateId = await _chat.NewRoomAsync(owner.UserId, "quiet", isPrivate: true);
        await _chat.Room(privateId).Invite(owner.UserId, ghost.UserId);
        Assert.Contains(ChatLimits.LobbyId, (await _chat.User(ghost.UserId).GetProfile())!.Rooms);

        var lobby = _chat.Room(ChatLimits.LobbyId);
        var observer = new RecordingObserver();
        var reference = _chat.Client.CreateObjectReference<IRoomObserver>(observer);
        Task Renew() => lobby.Subscribe("gw-a", reference, [stayer.UserId], 0, Guid.Empty, GatewayVersion.Next());
        await Renew();
        var left = observer.WaitUntil(o => o.Changes(ChatLimits.LobbyId).Any(c => c.Kind == MemberChangeKinds.Left && c.Member.UserId == ghost.UserId),
            "the inactive guest to leave the lobby");

        // An hour short of the expiry the guest is still a member.
        _time.Advance(Expiry - TimeSpan.FromHours(1));
        await Renew();
        Assert.Contains(await lobby.AllMembers(stayer.UserId), m => m.UserId == ghost.UserId);

        // Past it, a sweep (every 10 minutes) removes them; the stayer, online, stays. Steps of 30 s, renewing as a
        // gateway does, so that the observer is still subscribed when the sweep comes.
        await _time.AdvanceUntilAsync(left, TimeSpan.FromSeconds(30), Renew, "the inactive guest to leave the lobby");

        var members = await lobby.AllMembers(stayer.UserId);
        Assert.DoesNotContain(members, m => m.UserId == ghost.UserId);
        Assert.Contains(members, m => m.UserId == stayer.UserId);
        Assert.DoesNotContain(observer.Changes(ChatLimits.LobbyId), c => MemberChangeKinds.Removes(c.Kind) && c.Member.UserId != ghost.UserId);
        Assert.Contains(await _chat.Room(privateId).AllMembers(owner.UserId), m => m.UserId == ghost.UserId);

        // The room tells the guest's user grain (one-way, as a kick does): its list drops the lobby, keeps the private room.
        var rooms = (await _chat.User(ghost.UserId).GetProfile())!.Rooms;
        for (var i = 0; i < 200 && rooms.Contains(ChatLimits.LobbyId); i++) rooms = (await _chat.User(ghost.UserId).GetProfile())!.Rooms;
        Assert.DoesNotContain(ChatLimits.LobbyId, rooms);
        Assert.Contains(privateId, rooms);

        // Leaving is not a ban: the guest who comes back joins again.
        await _chat.User(ghost.UserId).JoinRoom(ChatLimits.LobbyId);
        Assert.Contains(await lobby.AllMembers(stayer.UserId), m => m.UserId == ghost.UserId);
        GC.KeepAlive(observer);
    }

    [Fact]
    public async Task Members_AreListedOnlineFirst_ThenByLastActivity_WhichSurvivesTheRoomsDeactivation()
    {
        var owner = await _chat.NewUserAsync();
        var early = await _chat.NewUserAsync();
        var poster = await _chat.NewUserAsync();
        var roomId = await _chat.NewRoomAsync(owner.UserId, "order");
        var room = _chat.Room(roomId);
        await _chat.User(poster.UserId).JoinRoom(roomId);
        _time.Advance(TimeSpan.FromHours(2));
        await _chat.User(early.UserId).JoinRoom(roomId);
        _time.Advance(TimeSpan.FromHours(2));
        await room.Post(poster.UserId, "m1", "still around");

        var members = await room.AllMembers(owner.UserId);
        Assert.Equal([poster.UserId, early.UserId, owner.UserId], members.Select(m => m.UserId));
        Assert.All(members, m => Assert.Equal(0, m.LastActive!.Value.Ticks % TimeSpan.TicksPerHour));

        var observer = new RecordingObserver();
        var reference = _chat.Client.CreateObjectReference<IRoomObserver>(observer);
        _time.Advance(TimeSpan.FromHours(2));
        await room.Subscribe("gw-b", reference, [owner.UserId], 0, Guid.Empty, GatewayVersion.Next());
        Assert.Equal([owner.UserId, poster.UserId, early.UserId], (await room.AllMembers(owner.UserId)).Select(m => m.UserId));
        // Going offline is activity too: the owner is the most recently active now.
        await room.Unsubscribe("gw-b");

        // The times were never written on their own; the deactivation saves them.
        await _chat.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reloaded = await room.AllMembers(owner.UserId);
        Assert.Equal([owner.UserId, poster.UserId, early.UserId], reloaded.Select(m => m.UserId));
        Assert.Equal(members.Single(m => m.UserId == poster.UserId).LastActive, reloaded.Single(m => m.UserId == poster.UserId).LastActive);
        GC.KeepAlive(observer);
    }

    [Fact]
    public async Task ActivityTimes_AreNotWrittenByMessages_TheSweepWritesThemToTheMembersRows()
    {
        var owner = await _chat.NewUserAsync();
        var poster = await _chat.NewUserAsync();
        var roomId = await _chat.NewRoomAsync(owner.UserId, "times");
        var room = _chat.Room(roomId);
        await _chat.User(poster.UserId).JoinRoom(roomId);
        using var database = new SqliteDatabase(_chat.DatabasePath);
        long? StoredTime() => LastActiveRow(database, roomId, poster.UserId);
        var joined = StoredTime();
        Assert.NotNull(joined);

        // Less than the first sweep's wait (one subscription expiry after the activation), so no sweep runs yet.
        _time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++) await room.Post(poster.UserId, $"t{i}", "a message");

        // A message costs no row write: the time is in memory only, until the sweep.
        Assert.Equal(joined, StoredTime());
        var waiters = new ConditionWaiters();
        var saved = waiters.Add(() => StoredTime() > joined, "the sweep to write the poster's time");
        await _time.AdvanceUntilAsync(saved, TimeSpan.FromMinutes(1), () =>
        {
            waiters.Check();
            return Task.CompletedTask;
        }, "the sweep to write the poster's time");
        Assert.True(StoredTime() >= joined + 10_000);
    }

    private static long? LastActiveRow(SqliteDatabase database, string roomId, Guid userId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_active FROM room_members WHERE room_id = $room AND user_id = $user";
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$user", userId.ToString());
        return command.ExecuteScalar() as long?;
    }
}
