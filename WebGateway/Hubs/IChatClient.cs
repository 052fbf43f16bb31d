using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// What the server sends to a browser (docs/protocol.md §3): the typed client of <see cref="ChatHub"/>. The event
/// names on the wire are the lower-case names given here.
/// </summary>
public interface IChatClient
{
    /// <summary>New events of a room, in sequence order.</summary>
    [HubMethodName("events")]
    Task Events(string roomId, RoomEvent[] events);

    /// <summary>A change of a room's member list (joined, left, kicked, banned, online, offline, renamed, role).</summary>
    [HubMethodName("member")]
    Task Member(string roomId, MemberChange change);

    /// <summary>The room's name, topic or visibility changed.</summary>
    [HubMethodName("room")]
    Task Room(string roomId, RoomSummary room);

    [HubMethodName("typing")]
    Task Typing(string roomId, MemberInfo member);

    /// <summary>A member's read marker moved (rooms of up to 50 members).</summary>
    [HubMethodName("receipt")]
    Task Receipt(string roomId, ReadReceipt receipt);

    /// <summary>The user was added to a room (an invitation, a direct conversation, a join in another tab).</summary>
    [HubMethodName("roomAdded")]
    Task RoomAdded(string roomId);

    /// <summary>
    /// The first page of the member list with online states (<paramref name="next"/> asks for more) and the counts, after
    /// the room restarted.
    /// </summary>
    [HubMethodName("presence")]
    Task Presence(string roomId, MemberInfo[] members, string? next, MemberCounts counts);

    /// <summary>A room's member counts changed (rooms whose member list is paged; at most once a second).</summary>
    [HubMethodName("memberCounts")]
    Task MemberCounts(string roomId, MemberCounts counts);
}
