using Microsoft.Extensions.Time.Testing;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Presence;

/// <summary>
/// A gateway's lease (<see cref="IGatewayGrain"/>): when its beats stop, its rooms forget it within the gateway timeout,
/// long before their subscription expiry.
/// </summary>
public sealed class GatewayLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ChatCluster _chat;

    public GatewayLeaseTests() => _chat = ChatCluster.WithRoomOptions(rooms =>
    {
        rooms.GatewayTimeout = Timeout;
        rooms.SubscriptionExpiry = TimeSpan.FromMinutes(10);
    }, _time);

    public Task InitializeAsync() => _chat.InitializeAsync();

    public Task DisposeAsync() => _chat.DisposeAsync();

    [Fact]
    public async Task AGatewayThatStopsBeating_IsRemovedFromItsRooms_AndItsUsersGoOffline()
    {
        var watcher = await _chat.NewUserAsync();
        var user = await _chat.NewUserAsync();
        var roomId = await _chat.NewRoomAsync(watcher.UserId);
        await _chat.User(user.UserId).JoinRoom(roomId);
        var room = _chat.Room(roomId);
        var live = new RecordingObserver();
        var dead = new RecordingObserver();
        await room.Subscribe("gw-live", _chat.Client.CreateObjectReference<IRoomObserver>(live), [watcher.UserId], 0, Guid.Empty, GatewayVersion.Next());
        await room.Subscribe("gw-dead", _chat.Client.CreateObjectReference<IRoomObserver>(dead), [user.UserId], 0, Guid.Empty, GatewayVersion.Next());

        Assert.False(await _chat.Client.GetGrain<IGatewayGrain>("gw-dead").Beat([roomId], all: true));
        Assert.True(await _chat.Client.GetGrain<IGatewayGrain>("gw-dead").Beat([], all: false));
        var offline = live.WaitUntil(o => o.Changes(roomId).Any(c => c.Kind == MemberChangeKinds.Offline && c.Member.UserId == user.UserId),
            "the silent gateway's user to go offline");

        // Silent for exactly the timeout: still there, whenever the lease checks.
        _time.Advance(Timeout);
        Assert.True((await room.AllMembers(watcher.UserId)).Single(m => m.UserId == user.UserId).Online);
        Assert.False(offline.IsCompleted);

        // Past it, the next check removes it from its rooms.
        var silent = Timeout + await _time.AdvanceUntilAsync(offline, TimeSpan.FromMilliseconds(500), () => Task.CompletedTask,
            "the silent gateway's user to go offline");

        Assert.InRange(silent, Timeout, Timeout + Timeout / 4 + TimeSpan.FromSeconds(2));
        var sent = await room.Post(watcher.UserId, "after-timeout", "still here");
        await live.WaitUntil(o => o.Events(roomId).Any(e => e.Seq == sent.Seq), "the live gateway to get the message");
        Assert.DoesNotContain(dead.Events(roomId), e => e.Seq == sent.Seq);
        // Declared gone: a late beat is told so, and the gateway renews everything.
        Assert.False(await _chat.Client.GetGrain<IGatewayGrain>("gw-dead").Beat([], all: false));
        GC.KeepAlive(live);
        GC.KeepAlive(dead);
    }

    [Fact]
    public async Task AGatewayThatStopsBeating_NoLongerCountsItsConnections_AgainstTheUsersLimit()
    {
        var user = await _chat.NewUserAsync();
        var grain = _chat.User(user.UserId);
        var gateway = new RecordingObserver();
        var observer = _chat.Client.CreateObjectReference<IRoomObserver>(gateway);
        var lease = _chat.Client.GetGrain<IGatewayGrain>("gw-gone");
        await lease.Beat([], all: true);
        var max = new Grains.Users.UserLimitOptions().MaxConnections;
        for (var i = 0; i < max; i++) await grain.AdmitConnection("gw-gone", observer, $"tab-{i}");
        await Assert.ThrowsAsync<ChatException>(() => grain.AdmitConnection("gw-live", observer, "one more"));

        var forgotten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var silent = await _time.AdvanceUntilAsync(forgotten.Task, TimeSpan.FromMilliseconds(500), async () =>
        {
            if (await lease.ConnectionsOf(user.UserId) == 0) forgotten.TrySetResult();
        }, "the silent gateway's connections to be forgotten");

        Assert.InRange(silent, Timeout, Timeout + Timeout / 4 + TimeSpan.FromSeconds(2));
        await grain.AdmitConnection("gw-live", observer, "one more");
        GC.KeepAlive(gateway);
    }
}
