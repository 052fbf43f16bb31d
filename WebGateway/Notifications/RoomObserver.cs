using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Diagnostics;
using OrleansChat.WebGateway.Hubs;
using OrleansChat.WebGateway.Identity;

namespace OrleansChat.WebGateway.Notifications;

/// <summary>
/// This gateway's receiver of room notifications: one object for the whole process (a DI singleton, because Orleans
/// holds client observers weakly), fanned out to local connections through SignalR groups.
/// </summary>
public sealed class RoomObserver(
    IHubContext<ChatHub> hub, LocalConnections connections, SessionConnections sessions, TimeProvider time) : IRoomObserver
{
    public Task OnEvents(string roomId, RoomEvent[] events)
    {
        GatewayMetrics.EventsPushed.Add(events.Length);
        if (events.Length > 0) GatewayMetrics.FanOutLatency.Record((time.GetUtcNow() - events[^1].At).TotalMilliseconds);
        return hub.Clients.Group(roomId).SendAsync(HubEvents.Events, roomId, events);
    }

    public async Task OnMemberChange(string roomId, MemberChange change)
    {
        // A join reaches all of the user's tabs on this gateway: add them first so that they see the change. A removal
        // is sent before the user's tabs leave the group, so that they learn of it.
        if (change.Kind == MemberChangeKinds.Joined) await connections.AddToRoomAsync(change.Member.UserId, roomId);
        await hub.Clients.Group(roomId).SendAsync(HubEvents.Member, roomId, change);
        if (MemberChangeKinds.Removes(change.Kind)) await connections.RemoveFromRoomAsync(change.Member.UserId, roomId);
    }

    public Task OnRoomChange(string roomId, RoomSummary room) =>
        hub.Clients.Group(roomId).SendAsync(HubEvents.Room, roomId, room);

    public Task OnTyping(string roomId, MemberInfo member) =>
        hub.Clients.Group(roomId).SendAsync(HubEvents.Typing, roomId, member);

    public async Task OnRoomAdded(Guid userId, string roomId)
    {
        await connections.AddToRoomAsync(userId, roomId);
        await hub.Clients.User(userId.ToString()).SendAsync(HubEvents.RoomAdded, roomId);
    }

    public Task OnSessionsRevoked(Guid userId, Guid[] sessionIds)
    {
        sessions.Close(userId, sessionIds);
        return Task.CompletedTask;
    }
}
