using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// A gateway's receiver of room notifications; one per gateway process, not per connection. Calls are one-way and
/// best effort: clients detect a lost notification by a gap in the sequence numbers and catch up.
/// </summary>
[Alias("OrleansChat.IRoomObserver")]
public interface IRoomObserver : IGrainObserver
{
    [OneWay, Alias("OnEvents")]
    Task OnEvents(string roomId, RoomEvent[] events);

    [OneWay, Alias("OnMemberChange")]
    Task OnMemberChange(string roomId, MemberChange change);

    /// <summary>The room's name, topic or visibility changed.</summary>
    [OneWay, Alias("OnRoomChange")]
    Task OnRoomChange(string roomId, RoomSummary room);

    [OneWay, Alias("OnTyping")]
    Task OnTyping(string roomId, MemberInfo member);

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
