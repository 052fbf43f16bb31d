using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Diagnostics;
using OrleansChat.WebGateway.Hubs;
using OrleansChat.WebGateway.Identity;

namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// Delivery, the gateway's half: this gateway's receiver of room notifications (one object for the whole process, a
/// DI singleton, because Orleans holds client observers weakly). Each notification goes to the local connections of
/// the recipients the room named, and to nobody else.
/// </summary>
public sealed class RoomObserver(
    IHubContext<ChatHub, IChatClient> hub,
    LocalConnections connections,
    PushOrder order,
    GatewayPresence presence,
    SessionConnections sessions,
    TimeProvider time) : IRoomObserver
{
    public Task OnEvents(string roomId, RoomEvent[] events, Guid[] recipients)
    {
        if (events.Length == 0) return Task.CompletedTask;
        GatewayMetrics.FanOutLatency.Record((time.GetUtcNow() - events[^1].At).TotalMilliseconds);
        return order.AcceptAsync(roomId, events, recipients, DeliverEvents);
    }

    private Task DeliverEvents(string roomId, RoomEvent[] events, Guid[] recipients)
    {
        GatewayMetrics.EventsPushed.Add(events.Length);
        return To(recipients).Events(roomId, events);
    }

    public Task OnMemberChange(string roomId, MemberChange change, Guid[] recipients)
    {
        if (MemberChangeKinds.Removes(change.Kind)) presence.Left(change.Member.UserId, roomId);
        return To(recipients).Member(roomId, change);
    }

    public Task OnRoomChange(string roomId, RoomSummary room, Guid[] recipients) => To(recipients).Room(roomId, room);

    public Task OnTyping(string roomId, MemberInfo member, Guid[] recipients) => To(recipients).Typing(roomId, member);

    public Task OnReceipt(string roomId, ReadReceipt receipt, Guid[] recipients) => To(recipients).Receipt(roomId, receipt);

    public Task OnPresence(string roomId, MemberPage page, Guid[] recipients) =>
        To(recipients).Presence(roomId, [.. page.Members], page.Next, new MemberCounts(page.Total, page.Online));

    public Task OnMemberCounts(string roomId, MemberCounts counts, Guid[] recipients) => To(recipients).MemberCounts(roomId, counts);

    public async Task OnRoomAdded(Guid userId, string roomId)
    {
        await presence.JoinedAsync(userId, roomId);
        await To([userId]).RoomAdded(roomId);
    }

    public Task OnSessionsRevoked(Guid userId, Guid[] sessionIds)
    {
        sessions.Close(userId, sessionIds);
        return Task.CompletedTask;
    }

    private IChatClient To(Guid[] recipients) => hub.Clients.Clients(connections.ConnectionsOf(recipients));
}
