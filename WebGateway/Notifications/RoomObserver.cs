using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Diagnostics;
using OrleansChat.WebGateway.Hubs;

namespace OrleansChat.WebGateway.Notifications;

/// <summary>
/// This gateway's receiver of room notifications: one object for the whole process (a DI singleton, because Orleans
/// holds client observers weakly), fanned out to local connections through SignalR groups.
/// </summary>
public sealed class RoomObserver(IHubContext<ChatHub> hub, LocalConnections connections, TimeProvider time) : IRoomObserver
{
    public Task OnEvents(string roomId, RoomEvent[] events)
    {
        GatewayMetrics.EventsPushed.Add(events.Length);
        if (events.Length > 0) GatewayMetrics.FanOutLatency.Record((time.GetUtcNow() - events[^1].At).TotalMilliseconds);
        return hub.Clients.Group(roomId).SendAsync(HubEvents.Events, roomId, events);
    }

    public async Task OnMemberChange(string roomId, MemberChange change)
    {
        // A join reaches all of the user's tabs on this gateway: add them first so that they see the change.
        if (change.Kind == MemberChangeKinds.Joined) await connections.AddToRoomAsync(change.Member.UserId, roomId);
        await hub.Clients.Group(roomId).SendAsync(HubEvents.Member, roomId, change);
        if (change.Kind == MemberChangeKinds.Left) await connections.RemoveFromRoomAsync(change.Member.UserId, roomId);
    }
}
