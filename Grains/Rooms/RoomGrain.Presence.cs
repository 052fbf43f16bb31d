using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Presence;

namespace OrleansChat.Grains.Rooms;

// Gateways and presence (RoomPresence): who is connected where, and so who receives each notification. Subscriptions
// are in memory only: gateways renew them on a timer, which also rebuilds them after the room moved to another silo.
public sealed partial class RoomGrain
{
    // Presence and subscribers are in memory: a gateway that sees a new id knows they were rebuilt from scratch.
    private readonly Guid _activationId = Guid.NewGuid();

    // Gateways that renewed their whole subscription with this activation (and so got its presence and missed events).
    private readonly HashSet<string> _synced = [];

    private RoomPresence? _presenceState;

    private RoomPresence Presence => _presenceState ??= new RoomPresence(_options.SubscriptionExpiry, IsMember);

    private bool IsMember(Guid userId) => Exists && Members.ContainsKey(userId);

    public Task<Guid> Subscribe(
        string gatewayId, IRoomObserver observer, Guid[] onlineUsers, long seenSeq, Guid knownActivation, long version, Guid[]? awayUsers = null)
    {
        NotifyPresenceChanges(Presence.Subscribe(gatewayId, observer, onlineUsers, version, _time.GetUtcNow(), awayUsers));
        var restarted = knownActivation != Guid.Empty && knownActivation != _activationId;
        if (restarted && _synced.Add(gatewayId) && Presence.TryGet(gatewayId, out var gateway) && gateway.Users.Count > 0)
        {
            // The gateway knew an earlier activation: member notifications and pushes it missed while the room restarted
            // are sent now, so its clients need no catch-up for them. (A gateway new to the room has nothing to repair:
            // its clients got the members and recent events when they opened the room.)
            _ = observer.OnPresence(RoomId, Page(null, _options.MembersOnJoin), gateway.Recipients);
            if (seenSeq > 0 && seenSeq < _tail.LastSeq && _tail.After(seenSeq, ChatLimits.TailSize) is { Count: > 0 } missed)
            {
                _ = observer.OnEvents(RoomId, [.. missed], gateway.Recipients);
            }
        }
        return Task.FromResult(_activationId);
    }

    public Task Unsubscribe(string gatewayId)
    {
        _synced.Remove(gatewayId);
        NotifyPresenceChanges(Presence.Unsubscribe(gatewayId));
        return Task.CompletedTask;
    }

    public Task<PresenceAck> SetOnline(string gatewayId, IRoomObserver observer, Guid userId, bool online, long version, bool away = false)
    {
        var (member, changed) = Presence.SetOnline(gatewayId, observer, userId, online, version, _time.GetUtcNow(), away);
        if (changed) NotifyPresenceChanges([(userId, Presence.StateOf(userId))]);
        return Task.FromResult(new PresenceAck(_activationId, member));
    }

    private Task ExpireGatewaysAsync(CancellationToken cancellationToken)
    {
        PruneRateState();
        var (expired, changes) = Presence.Expire(_time.GetUtcNow());
        foreach (var gatewayId in expired)
        {
            _synced.Remove(gatewayId);
            _logger.LogInformation("Room {Room} forgot gateway {Gateway}: no renewal within {Expiry}", RoomId, gatewayId, _options.SubscriptionExpiry);
        }
        NotifyPresenceChanges(changes);
        return Task.CompletedTask;
    }

    private void NotifyPresenceChanges(List<(Guid User, PresenceState State)> changes)
    {
        foreach (var (userId, state) in changes)
        {
            if (!Members.TryGetValue(userId, out var member)) continue;
            var kind = state switch
            {
                PresenceState.Online => MemberChangeKinds.Online,
                PresenceState.Away => MemberChangeKinds.Away,
                _ => MemberChangeKinds.Offline,
            };
            // Coming and going count as activity: someone online for weeks is not inactive the moment they leave.
            Touch(userId, member);
            NotifyPresence(kind, userId, member);
        }
    }

    /// <summary>
    /// Takes <paramref name="userId"/> out of live delivery now, in the same turn as the room removed the member, and
    /// returns who must hear of the removal: the audience as it was, the removed user's connections included.
    /// </summary>
    private List<(IRoomObserver Observer, Guid[] Recipients)> StopDelivery(Guid userId)
    {
        var audience = Presence.Audience.Select(g => (g.Observer, g.Recipients)).ToList();
        Presence.RemoveMember(userId);
        Reindex(userId);
        return audience;
    }

    private void NotifyRemoval(string kind, Guid userId, RoomMember member, List<(IRoomObserver Observer, Guid[] Recipients)> audience)
    {
        var change = new MemberChange(kind, new MemberInfo(userId, member.Name, false, member.Role, member.Avatar, Status: member.Status));
        foreach (var (observer, recipients) in audience) _ = observer.OnMemberChange(RoomId, change, recipients);
    }

    // Every notification below is addressed to the members connected on each gateway at this moment; one-way, so a
    // dead gateway costs nothing here (it is forgotten when it stops renewing).
    private void NotifyMemberChange(string kind, Guid userId, RoomMember member)
    {
        var change = new MemberChange(kind, Info(userId, member));
        foreach (var gateway in Presence.Audience) _ = gateway.Observer.OnMemberChange(RoomId, change, gateway.Recipients);
    }

    private void NotifyRoomChange(RoomSummary summary)
    {
        foreach (var gateway in Presence.Audience) _ = gateway.Observer.OnRoomChange(RoomId, summary, gateway.Recipients);
    }

    private void NotifyTyping(MemberInfo member)
    {
        foreach (var gateway in Presence.Audience) _ = gateway.Observer.OnTyping(RoomId, member, gateway.Recipients);
    }

    private void NotifyReceipt(ReadReceipt receipt)
    {
        foreach (var gateway in Presence.Audience) _ = gateway.Observer.OnReceipt(RoomId, receipt, gateway.Recipients);
    }

    private void NotifyEvents(RoomEvent[] events)
    {
        var count = 0;
        foreach (var gateway in Presence.Audience)
        {
            _ = gateway.Observer.OnEvents(RoomId, events, gateway.Recipients);
            count++;
        }
        ChatMetrics.Notifications.Add(count);
    }
}
