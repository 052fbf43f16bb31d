namespace OrleansChat.Tests.Infrastructure;

/// <summary>A gateway stand-in for grain tests: records what rooms notify and lets a test await a condition.</summary>
public sealed class RecordingObserver : IRoomObserver
{
    private readonly Lock _lock = new();
    private readonly List<(string Room, RoomEvent Event)> _events = [];
    private readonly List<(string Room, MemberChange Change)> _changes = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public Task OnEvents(string roomId, RoomEvent[] events)
    {
        lock (_lock) _events.AddRange(events.Select(e => (roomId, e)));
        Check();
        return Task.CompletedTask;
    }

    public Task OnMemberChange(string roomId, MemberChange change)
    {
        lock (_lock) _changes.Add((roomId, change));
        Check();
        return Task.CompletedTask;
    }

    public List<RoomEvent> Events(string roomId)
    {
        lock (_lock) return _events.Where(e => e.Room == roomId).Select(e => e.Event).ToList();
    }

    public List<MemberChange> Changes(string roomId)
    {
        lock (_lock) return _changes.Where(c => c.Room == roomId).Select(c => c.Change).ToList();
    }

    /// <summary>Completes when <paramref name="condition"/> holds (checked now and after every notification).</summary>
    public Task WaitUntil(Func<RecordingObserver, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _waiters.Add((() => condition(this), done));
        Check();
        return Wait.For(done.Task, what);
    }

    private void Check()
    {
        List<(Func<bool> Condition, TaskCompletionSource Done)> waiters;
        lock (_lock) waiters = [.. _waiters];
        foreach (var waiter in waiters)
        {
            if (!waiter.Condition()) continue;
            waiter.Done.TrySetResult();
            lock (_lock) _waiters.Remove(waiter);
        }
    }
}
