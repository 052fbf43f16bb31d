using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Diagnostics;

namespace OrleansChat.Grains.Rooms;

// Gateways and presence. The room notifies each subscribed gateway once per batch of events; a member is online when
// any live gateway reports a connection of that member. Subscriptions are in memory only: gateways renew them on a
// timer, which also rebuilds them after the room moved to another silo.
public sealed partial class RoomGrain
{
    private readonly Dictionary<string, GatewaySubscription> _gateways = [];

    // Presence and subscribers are in memory: a gateway that sees a new id knows they were rebuilt from scratch.
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<Guid> Subscribe(string gatewayId, IRoomObserver observer, Guid[] onlineUsers)
    {
        var before = OnlineSnapshot();
        var subscription = Renew(gatewayId, observer);
        subscription.OnlineUsers.Clear();
        subscription.OnlineUsers.UnionWith(onlineUsers);
        NotifyPresenceChanges(before);
        return Task.FromResult(_activationId);
    }

    public Task<IReadOnlyList<MemberInfo>> GetPresence() => Task.FromResult(MemberList());

    public Task Unsubscribe(string gatewayId)
    {
        var before = OnlineSnapshot();
        if (_gateways.Remove(gatewayId)) NotifyPresenceChanges(before);
        return Task.CompletedTask;
    }

    public Task<Guid> SetOnline(string gatewayId, IRoomObserver observer, Guid userId, bool online)
    {
        var wasOnline = IsOnline(userId);
        var subscription = Renew(gatewayId, observer);
        if (online) subscription.OnlineUsers.Add(userId);
        else subscription.OnlineUsers.Remove(userId);
        if (wasOnline != online && IsOnline(userId) == online && Room.Members.TryGetValue(userId, out var member))
        {
            NotifyMemberChange(online ? MemberChangeKinds.Online : MemberChangeKinds.Offline, userId, member);
        }
        return Task.FromResult(_activationId);
    }

    private GatewaySubscription Renew(string gatewayId, IRoomObserver observer)
    {
        var now = _time.GetUtcNow();
        if (_gateways.TryGetValue(gatewayId, out var subscription))
        {
            subscription.Observer = observer;
            subscription.RenewedAt = now;
        }
        else
        {
            subscription = new GatewaySubscription(observer, now);
            _gateways[gatewayId] = subscription;
        }
        return subscription;
    }

    private Task ExpireGatewaysAsync(CancellationToken cancellationToken)
    {
        PruneRateState();
        var cutoff = _time.GetUtcNow() - _options.SubscriptionExpiry;
        var expired = _gateways.Where(g => g.Value.RenewedAt < cutoff).Select(g => g.Key).ToList();
        if (expired.Count == 0) return Task.CompletedTask;

        var before = OnlineSnapshot();
        foreach (var gatewayId in expired)
        {
            _gateways.Remove(gatewayId);
            _logger.LogInformation("Room {Room} forgot gateway {Gateway}: no renewal since {Cutoff}", RoomId, gatewayId, cutoff);
        }
        NotifyPresenceChanges(before);
        return Task.CompletedTask;
    }

    private bool IsOnline(Guid userId)
    {
        foreach (var subscription in _gateways.Values)
        {
            if (subscription.OnlineUsers.Contains(userId)) return true;
        }
        return false;
    }

    private HashSet<Guid> OnlineSnapshot()
    {
        var online = new HashSet<Guid>();
        foreach (var subscription in _gateways.Values) online.UnionWith(subscription.OnlineUsers);
        return online;
    }

    private void NotifyPresenceChanges(HashSet<Guid> before)
    {
        var after = OnlineSnapshot();
        foreach (var (userId, member) in Room.Members)
        {
            var was = before.Contains(userId);
            var now = after.Contains(userId);
            if (was != now) NotifyMemberChange(now ? MemberChangeKinds.Online : MemberChangeKinds.Offline, userId, member);
        }
    }

    private void NotifyMemberChange(string kind, Guid userId, RoomMember member)
    {
        var change = new MemberChange(kind, Info(userId, member));
        foreach (var subscription in _gateways.Values)
        {
            // One-way: a dead gateway costs nothing here; it is forgotten when it stops renewing.
            _ = subscription.Observer.OnMemberChange(RoomId, change);
        }
    }

    private void NotifyRoomChange(RoomSummary summary)
    {
        foreach (var subscription in _gateways.Values) _ = subscription.Observer.OnRoomChange(RoomId, summary);
    }

    private void NotifyTyping(MemberInfo member)
    {
        foreach (var subscription in _gateways.Values) _ = subscription.Observer.OnTyping(RoomId, member);
    }

    private void NotifyEvents(RoomEvent[] events)
    {
        foreach (var subscription in _gateways.Values)
        {
            _ = subscription.Observer.OnEvents(RoomId, events);
        }
        ChatMetrics.Notifications.Add(_gateways.Count);
    }
}
