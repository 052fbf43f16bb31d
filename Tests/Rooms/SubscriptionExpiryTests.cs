using Microsoft.Extensions.Time.Testing;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>A gateway that stops renewing is forgotten after the configured expiry; a cluster of its own, on a fake clock.</summary>
public sealed class SubscriptionExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Check = Expiry / 3;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ChatCluster _chat;

    public SubscriptionExpiryTests() => _chat = ChatCluster.WithRoomOptions(rooms => rooms.SubscriptionExpiry = Expiry, _time);

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
        await room.Subscribe("gw-live", liveReference, [watcher.UserId], 0, Guid.Empty, GatewayVersion.Next());
        await room.Subscribe("gw-dead", deadReference, [user.UserId], 0, Guid.Empty, GatewayVersion.Next());
        var offline = live.WaitUntil(o => o.Changes(roomId).Any(c => c.Kind == MemberChangeKinds.Offline && c.Member.UserId == user.UserId),
            "the dead gateway's user to go offline");
        Task RenewLive() => room.Subscribe("gw-live", liveReference, [watcher.UserId], 0, Guid.Empty, GatewayVersion.Next());

        // Until the expiry has passed both gateways count, though only one renews (the room checks every third of it).
        foreach (var step in new[] { Check, Check, Check - TimeSpan.FromSeconds(1) })
        {
            _time.Advance(step);
            await RenewLive();
        }
        Assert.True((await room.AllMembers(watcher.UserId)).Single(m => m.UserId == user.UserId).Online);
        Assert.False(offline.IsCompleted);

        // Past it, the next check forgets the silent gateway; the live one, renewing as a gateway does, stays.
        var after = Expiry - TimeSpan.FromSeconds(1)
            + await _time.AdvanceUntilAsync(offline, TimeSpan.FromSeconds(5), RenewLive, "the dead gateway's user to go offline");

        Assert.InRange(after, Expiry, Expiry + Check + TimeSpan.FromSeconds(10));
        var members = await room.AllMembers(watcher.UserId);
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
    public async Task Subscribe_ToARestartedRoom_GetsItsPresenceAndTheEventsItMissedPushed()
    {
        var owner = await _chat.NewUserAsync();
        var roomId = await _chat.NewRoomAsync(owner.UserId);
        var room = _chat.Room(roomId);
        var observer = new RecordingObserver();
        var reference = _chat.Client.CreateObjectReference<IRoomObserver>(observer);

        var first = await room.Subscribe("gw-a", reference, [owner.UserId], 0, Guid.Empty, GatewayVersion.Next());
        Assert.Equal(first, await room.Subscribe("gw-a", reference, [owner.UserId], 0, Guid.Empty, GatewayVersion.Next()));
        Assert.True((await room.AllMembers(owner.UserId)).Single(m => m.UserId == owner.UserId).Online);
        var seen = await room.Post(owner.UserId, "m1", "before the restart");
        await observer.WaitUntil(o => o.Events(roomId).Any(e => e.Seq == seen.Seq), "the first message by push");
        // A gateway new to the room has nothing to repair: no member list is pushed to it.
        Assert.Empty(observer.PresenceRefreshes(roomId));

        // Deactivate every idle grain (what a silo failure or a move does to the room's memory); the new activation
        // stores messages before this gateway has renewed: nobody is subscribed to push them to.
        await _chat.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.False((await room.AllMembers(owner.UserId)).Single(m => m.UserId == owner.UserId).Online);
        var missed = new[] { await room.Post(owner.UserId, "m2", "missed 1"), await room.Post(owner.UserId, "m3", "missed 2") };
        Assert.DoesNotContain(observer.Events(roomId), e => e.Seq > seen.Seq);

        var restarted = await room.Subscribe("gw-a", reference, [owner.UserId], seen.Seq, first, GatewayVersion.Next());
        Assert.NotEqual(first, restarted);
        await observer.WaitUntil(o => missed.All(m => o.Events(roomId).Any(e => e.Seq == m.Seq)) && o.PresenceRefreshes(roomId).Count == 1,
            "the missed messages and the member list to be pushed on renewal");
        Assert.All(observer.Addressed(roomId), n => Assert.Equal([owner.UserId], n.Recipients));
        Assert.True(observer.PresenceRefreshes(roomId)[^1].Members.Single(m => m.UserId == owner.UserId).Online);

        // Renewing again pushes nothing more: a gateway is brought up to date once per restart.
        await room.Subscribe("gw-a", reference, [owner.UserId], seen.Seq, first, GatewayVersion.Next());
        await room.Post(owner.UserId, "m4", "live again");
        await observer.WaitUntil(o => o.Events(roomId).Any(e => e.Text == "live again"), "live pushes after the renewal");
        Assert.Single(observer.PresenceRefreshes(roomId));
        Assert.Equal(4, observer.Events(roomId).Count);
        GC.KeepAlive(observer);
    }
}
