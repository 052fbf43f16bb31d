using System.Diagnostics;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>A gateway that stops renewing is forgotten after the configured expiry; a cluster of its own with a short one.</summary>
public sealed class SubscriptionExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(3);
    private readonly ChatCluster _chat = ChatCluster.WithRoomOptions(rooms => rooms.SubscriptionExpiry = Expiry);

    public Task InitializeAsync() => _chat.InitializeAsync();

    public Task DisposeAsync() => _chat.DisposeAsync();

    [Fact]
    public async Task GatewayThatStopsRenewing_IsForgottenWithinTheExpiry_AndItsUsersGoOffline()
    {
        var watcher = await _chat.NewUserAsync();
        var user = await _chat.NewUserAsync();
        var roomId = await _chat.NewRoomAsync(watcher.UserId);
        await _chat.User(user.UserId).JoinRoom(roomId);
        var room = _chat.Room(roomId);
        var live = new RecordingObserver();
        var liveReference = _chat.Client.CreateObjectReference<IRoomObserver>(live);
        var dead = new RecordingObserver();
        var deadReference = _chat.Client.CreateObjectReference<IRoomObserver>(dead);
        await room.Subscribe("gw-live", liveReference, [watcher.UserId]);
        await room.Subscribe("gw-dead", deadReference, [user.UserId]);
        var lastRenewal = Stopwatch.StartNew();

        // The live gateway renews as a gateway does (here: every second), the other one never again.
        var offline = live.WaitUntil(o => o.Changes(roomId).Any(c => c.Kind == MemberChangeKinds.Offline && c.Member.UserId == user.UserId),
            "the dead gateway's user to go offline");
        using var renewal = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (!offline.IsCompleted && await renewal.WaitForNextTickAsync())
        {
            await room.Subscribe("gw-live", liveReference, [watcher.UserId]);
        }
        await offline;
        var after = lastRenewal.Elapsed;

        Assert.InRange(after, Expiry, Expiry + Expiry / 3 + TimeSpan.FromSeconds(2));
        var members = await room.GetMembers(watcher.UserId);
        Assert.False(members.Single(m => m.UserId == user.UserId).Online);
        Assert.True(members.Single(m => m.UserId == watcher.UserId).Online);

        // Forgotten: the next message reaches the live gateway only.
        var sent = await room.Post(watcher.UserId, "after-expiry", "still here");
        await live.WaitUntil(o => o.Events(roomId).Any(e => e.Seq == sent.Seq), "the live gateway to get the message");
        Assert.DoesNotContain(dead.Events(roomId), e => e.Seq == sent.Seq);
        GC.KeepAlive(live);
        GC.KeepAlive(dead);
    }

    [Fact]
    public async Task Subscribe_ReturnsTheSameActivationId_UntilTheRoomRestarts_ThenItsPresenceIsRebuilt()
    {
        var owner = await _chat.NewUserAsync();
        var roomId = await _chat.NewRoomAsync(owner.UserId);
        var room = _chat.Room(roomId);
        var observer = new RecordingObserver();
        var reference = _chat.Client.CreateObjectReference<IRoomObserver>(observer);

        var first = await room.Subscribe("gw-a", reference, [owner.UserId]);
        var again = await room.Subscribe("gw-a", reference, [owner.UserId]);
        Assert.Equal(first, again);
        Assert.True((await room.GetPresence()).Single(m => m.UserId == owner.UserId).Online);

        // Deactivate every idle grain (what a silo failure or a move does to the room's memory).
        await _chat.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.False((await room.GetPresence()).Single(m => m.UserId == owner.UserId).Online);
        var restarted = await room.Subscribe("gw-a", reference, [owner.UserId]);
        Assert.NotEqual(first, restarted);
        Assert.True((await room.GetPresence()).Single(m => m.UserId == owner.UserId).Online);
        GC.KeepAlive(observer);
    }
}
