using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// A gateway's receiver of room notifications; one per gateway process, not per connection. Every room notification
/// names its <c>recipients</c>: the room's members connected on this gateway when the room sent it. The gateway
/// delivers it to those users' connections and nobody else, so who hears a room is decided by the room alone.
/// Calls are one-way and best effort: clients detect a lost event by a gap in the sequence numbers and catch up.
/// </summary>
[Alias("OrleansChat.IRoomObserver")]
public interface IRoomObserver : IGrainObserver
{
    [OneWay, Alias("OnEvents")]
    Task OnEvents(string roomId, RoomEvent[] events, Guid[] recipients);

    [OneWay, Alias("OnMemberChange")]
    Task OnMemberChange(string roomId, MemberChange change, Guid[] recipients);

    /// <summary>The room's name, topic or visibility changed.</summary>
    [OneWay, Alias("OnRoomChange")]
    Task OnRoomChange(string roomId, RoomSummary room, Guid[] recipients);

    [OneWay, Alias("OnTyping")]
    Task OnTyping(string roomId, MemberInfo member, Guid[] recipients);

    /// <summary>A member's read marker moved (rooms of up to <c>Chat:Rooms:ReceiptsMaxMembers</c> members).</summary>
    [OneWay, Alias("OnReceipt")]
    Task OnReceipt(string roomId, ReadReceipt receipt, Guid[] recipients);

    /// <summary>
    /// The first page of the member list with online states, and the counts: sent to a gateway that subscribes to a new
    /// activation of the room (after a restart or a move), whose member notifications in between may have been lost.
    /// </summary>
    [OneWay, Alias("OnPresence")]
    Task OnPresence(string roomId, MemberPage page, Guid[] recipients);

    /// <summary>
    /// The room's member counts changed (rooms whose member list is paged; at most once per
    /// <c>Chat:Rooms:MemberCountsInterval</c>).
    /// </summary>
    [OneWay, Alias("OnMemberCounts")]
    Task OnMemberCounts(string roomId, MemberCounts counts, Guid[] recipients);

    /// <summary>A room added the user <paramref name="userId"/> (an invitation, a direct conversation).</summary>
    [OneWay, Alias("OnRoomAdded")]
    Task OnRoomAdded(Guid userId, string roomId);

    /// <summary>
    /// Sessions of <paramref name="userId"/> ended (log out, log out everywhere, password change): the gateway closes
    /// its connections that were opened with a token of one of <paramref name="sessionIds"/>. Sent by the user grain.
    /// </summary>
    [OneWay, Alias("OnSessionsRevoked")]
    Task OnSessionsRevoked(Guid userId, Guid[] sessionIds);
}
