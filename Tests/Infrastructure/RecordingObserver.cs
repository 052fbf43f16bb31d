namespace OrleansChat.Tests.Infrastructure;

/// <summary>A gateway stand-in for grain tests: records what rooms and users notify and lets a test await a condition.</summary>
public sealed class RecordingObserver : IRoomObserver
{
    private readonly Lock _lock = new();
    private readonly ConditionWaiters _waiters = new();
    private readonly List<(string Room, object Notification, Guid[] Recipients)> _received = [];

    public Task OnEvents(string roomId, RoomEvent[] events, Guid[] recipients) => Record(roomId, events, recipients);

    public Task OnMemberChange(string roomId, MemberChange change, Guid[] recipients) => Record(roomId, change, recipients);

    public Task OnRoomChange(string roomId, RoomSummary room, Guid[] recipients) => Record(roomId, room, recipients);

    public Task OnTyping(string roomId, MemberInfo member, Guid[] recipients) => Record(roomId, member, recipients);

    public Task OnPresence(string roomId, MemberPage page, Guid[] recipients) => Record(roomId, page, recipients);

    public Task OnMemberCounts(string roomId, MemberCounts counts, Guid[] recipients) => Record(roomId, counts, recipients);

    public Task OnReceipt(string roomId, ReadReceipt receipt, Guid[] recipients) => Record(roomId, receipt, recipients);

    public Task OnRoomAdded(Guid userId, string roomId) => Record(roomId, userId, [userId]);

    public Task OnSessionsRevoked(Guid userId, Guid[] sessionIds) => Record(userId.ToString(), sessionIds, [userId]);

    public List<RoomEvent> Events(string roomId) => Of<RoomEvent[]>(roomId).SelectMany(e => e).ToList();

    public List<MemberChange> Changes(string roomId) => Of<MemberChange>(roomId);

    public List<MemberInfo> Typing(string roomId) => Of<MemberInfo>(roomId);

    public List<RoomSummary> RoomChanges(string roomId) => Of<RoomSummary>(roomId);

    public List<ReadReceipt> Receipts(string roomId) => Of<ReadReceipt>(roomId);

    /// <summary>The first member pages pushed after the room restarted (<see cref="IRoomObserver.OnPresence"/>).</summary>
    public List<MemberPage> PresenceRefreshes(string roomId) => Of<MemberPage>(roomId);

    /// <summary>The member counts pushed by a room whose member list is paged (<see cref="IRoomObserver.OnMemberCounts"/>).</summary>
    public List<MemberCounts> Counts(string roomId) => Of<MemberCounts>(roomId);

    /// <summary>Every notification of <paramref name="roomId"/> with the users it was addressed to.</summary>
    public List<(object Notification, Guid[] Recipients)> Addressed(string roomId)
    {
        lock (_lock) return _received.Where(r => r.Room == roomId).Select(r => (r.Notification, r.Recipients)).ToList();
    }

    /// <summary>The users that were told <paramref name="roomId"/> was added to their rooms.</summary>
    public List<Guid> RoomsAdded(string roomId) => Of<Guid>(roomId);

    /// <summary>Completes when <paramref name="condition"/> holds (checked now and after every notification).</summary>
    public Task WaitUntil(Func<RecordingObserver, bool> condition, string what) => _waiters.Add(() => condition(this), what);

    private List<T> Of<T>(string roomId)
    {
        lock (_lock) return _received.Where(r => r.Room == roomId && r.Notification is T).Select(r => (T)r.Notification).ToList();
    }

    private Task Record(string roomId, object notification, Guid[] recipients)
    {
        lock (_lock) _received.Add((roomId, notification, recipients));
        _waiters.Check();
        return Task.CompletedTask;
    }
}
