namespace OrleansChat.Tests.Infrastructure;

/// <summary>A gateway stand-in for grain tests: records what rooms and users notify and lets a test await a condition.</summary>
public sealed class RecordingObserver : IRoomObserver
{
    private readonly Lock _lock = new();
    private readonly ConditionWaiters _waiters = new();
    private readonly List<(string Room, object Notification)> _received = [];

    public Task OnEvents(string roomId, RoomEvent[] events) => Record(roomId, events);

    public Task OnMemberChange(string roomId, MemberChange change) => Record(roomId, change);

    public Task OnRoomChange(string roomId, RoomSummary room) => Record(roomId, room);

    public Task OnTyping(string roomId, MemberInfo member) => Record(roomId, member);

    public Task OnRoomAdded(Guid userId, string roomId) => Record(roomId, userId);

    public Task OnSessionsRevoked(Guid userId, Guid[] sessionIds) => Record(userId.ToString(), sessionIds);

    public List<RoomEvent> Events(string roomId) => Of<RoomEvent[]>(roomId).SelectMany(e => e).ToList();

    public List<MemberChange> Changes(string roomId) => Of<MemberChange>(roomId);

    public List<MemberInfo> Typing(string roomId) => Of<MemberInfo>(roomId);

    public List<RoomSummary> RoomChanges(string roomId) => Of<RoomSummary>(roomId);

    /// <summary>The users that were told <paramref name="roomId"/> was added to their rooms.</summary>
    public List<Guid> RoomsAdded(string roomId) => Of<Guid>(roomId);

    /// <summary>Completes when <paramref name="condition"/> holds (checked now and after every notification).</summary>
    public Task WaitUntil(Func<RecordingObserver, bool> condition, string what) => _waiters.Add(() => condition(this), what);

    private List<T> Of<T>(string roomId)
    {
        lock (_lock) return _received.Where(r => r.Room == roomId && r.Notification is T).Select(r => (T)r.Notification).ToList();
    }

    private Task Record(string roomId, object notification)
    {
        lock (_lock) _received.Add((roomId, notification));
        _waiters.Check();
        return Task.CompletedTask;
    }
}
