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
}
