using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A room's posting, apart from its rules: gives posts (messages, changes, system lines) consecutive sequence numbers
/// in the order they are queued, answers a retried client id with the first post's acknowledgement, writes what queued
/// while a commit was in flight as the next batch (one <see cref="IPostingLog.AppendAsync"/>), retries a batch that
/// conflicts with another writer, and acknowledges a post only after its commit. A failed commit fails exactly its
/// posts and takes no sequence number: the next batch reuses them, so the sequence has no gap.
/// A batch also carries the room's changed member rows (<see cref="WriteMembers"/>, or a post queued with the members it
/// changes): they commit with its events or not at all, written as the room holds them when the batch is made, and
/// rows whose batch failed are written again with the next batch.
/// </summary>
/// <remarks>
/// Not thread-safe: it runs in its grain's turns (the grain's calls interleave, its turns do not). Its only I/O is
/// <see cref="IPostingLog"/>, so unit tests drive it with a log in memory.
/// </remarks>
internal sealed class RoomPosting
{
    private readonly string _roomId;
    private readonly RoomTail _tail;
    private readonly IPostingLog _log;
    private readonly TimeProvider _time;
    private readonly int _maxAttempts;
    private readonly ILogger _logger;
    private readonly Func<long, RoomEvent?> _currentMessage;
    private readonly Action<IReadOnlyList<PendingPost>, RoomEvent[]> _committed;
    private readonly Func<IReadOnlyCollection<Guid>, MemberWrites> _memberRows;
    private readonly List<PendingPost> _queue = [];
    private readonly HashSet<Guid> _members = [];
    private readonly HashSet<Guid> _failedMembers = [];
    private readonly List<TaskCompletionSource> _memberWaiters = [];
    private readonly Dictionary<(Guid, string), PendingPost> _inFlight = [];
    private bool _flushing;

    /// <param name="tail">The room's committed events: numbering continues after its <see cref="RoomTail.LastSeq"/>.</param>
    /// <param name="maxAttempts">How often a batch is written before a conflict fails it.</param>
    /// <param name="currentMessage">A change's target as this activation holds it now (tail or pending changes), if it does.</param>
    /// <param name="committed">Called after a commit, once the events are in the tail and before the posts are acknowledged.</param>
    /// <param name="memberRows">The rows of these members as the room holds them now (a removal for one who is no member).</param>
    public RoomPosting(
        string roomId, RoomTail tail, IPostingLog log, TimeProvider time, int maxAttempts, ILogger logger,
        Func<long, RoomEvent?>? currentMessage = null, Action<IReadOnlyList<PendingPost>, RoomEvent[]>? committed = null,
        Func<IReadOnlyCollection<Guid>, MemberWrites>? memberRows = null)
    {
        _memberRows = memberRows ?? (_ => MemberWrites.None);
        _roomId = roomId;
        _tail = tail;
        _log = log;
        _time = time;
        _maxAttempts = maxAttempts;
        _logger = logger;
        _currentMessage = currentMessage ?? tail.Get;
        _committed = committed ?? ((_, _) => { });
    }

    /// <summary>
    /// The acknowledgement of a post with this author and client id that is committed (in the tail) or in flight, marked
    /// as a duplicate; null for a new one. Older retries are found when their batch conflicts (the store's unique key).
    /// </summary>
    public Task<PostResult>? Known(Guid userId, string clientMsgId)
    {
        if (_tail.FindByClientId(userId, clientMsgId) is { } stored) return Task.FromResult(new PostResult(stored.Seq, stored.At, Duplicate: true));
        return _inFlight.TryGetValue((userId, clientMsgId), out var running) ? AsDuplicate(running.Result) : null;
    }

    /// <summary>Makes a post known to retries before it is queued (while it waits for something else: send credits).</summary>
    public void Hold(PendingPost post) => _inFlight[(post.UserId, post.ClientMsgId)] = post;

    /// <summary>
    /// Queues a post for the next batch; its sequence number follows every post queued before it. The rows of
    /// <paramref name="members"/> go in the same batch (a system line and the member change it records commit together),
    /// so the post's acknowledgement says they are stored too.
    /// </summary>
    public Task<PostResult> Enqueue(PendingPost post, IEnumerable<Guid>? members = null)
    {
        Hold(post);
        _queue.Add(post);
        if (members is not null) _members.UnionWith(members);
        if (!_flushing) _ = FlushAsync();
        return post.Result;
    }

    /// <summary>
    /// Writes the rows of <paramref name="members"/> (and of any whose earlier batch failed) with the next batch; the
    /// task completes after its commit, or fails with it. Completes at once when there is nothing to write.
    /// </summary>
    public Task WriteMembers(IEnumerable<Guid> members)
    {
        _members.UnionWith(members);
        if (_members.Count == 0 && _failedMembers.Count == 0) return Task.CompletedTask;
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _memberWaiters.Add(written);
        if (_members.Count == 0) _members.UnionWith(_failedMembers);
        if (!_flushing) _ = FlushAsync();
        return written.Task;
    }

    /// <summary>Fails a held post that will not be queued.</summary>
    public void Refuse(PendingPost post, Exception error)
    {
        _inFlight.Remove((post.UserId, post.ClientMsgId));
        post.Fail(error);
    }

    private static async Task<PostResult> AsDuplicate(Task<PostResult> first) => (await first) with { Duplicate = true };

    /// <summary>One batch in flight at a time; what queued meanwhile is the next batch.</summary>
    private async Task FlushAsync()
    {
        _flushing = true;
        try
        {
            while (_queue.Count > 0 || _members.Count > 0)
            {
                var batch = _queue.ToList();
                _queue.Clear();
                // Rows whose batch failed go again with any later batch that writes something anyway.
                List<Guid> members = _members.Count == 0 && _failedMembers.Count == 0 ? [] : _members.Union(_failedMembers).ToList();
                _members.Clear();
                _failedMembers.Clear();
                List<TaskCompletionSource> waiters = _memberWaiters.Count == 0 ? [] : _memberWaiters.ToList();
                _memberWaiters.Clear();
                await AppendAsync(batch, members, waiters);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task AppendAsync(List<PendingPost> batch, List<Guid> memberIds, List<TaskCompletionSource> waiters)
    {
        for (var attempt = 1; batch.Count > 0 || memberIds.Count > 0; attempt++)
        {
            var events = ToEvents(batch);
            // As the room holds them now, on every attempt: a retry writes what a conflict's wait let change meanwhile.
            var members = memberIds.Count > 0 ? _memberRows(memberIds) : MemberWrites.None;
            if (events.Length == 0 && members.Count == 0) break;
            AppendOutcome outcome;
            try
            {
                outcome = await _log.AppendAsync(events, members);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Appending {Count} events and {Rows} member rows to {Room} failed", events.Length, members.Count, _roomId);
                Fail(batch, "The message could not be stored. Please send it again.");
                FailMembers(memberIds, waiters, ex);
                return;
            }

            if (outcome == AppendOutcome.Stored)
            {
                Commit(batch, events);
                foreach (var waiter in waiters) waiter.TrySetResult();
                return;
            }

            // Another activation wrote these sequence numbers, or a retry older than the tail: reload and re-check.
            _logger.LogWarning("Append to {Room} conflicted at seq {Seq} (attempt {Attempt})", _roomId, events.Length > 0 ? events[0].Seq : 0, attempt);
            if (attempt >= _maxAttempts)
            {
                Fail(batch, "The room is busy. Please send the message again.");
                FailMembers(memberIds, waiters, new ChatException("The room is busy. Please try again."));
                return;
            }
            await _log.ReloadAsync();
            batch = await ResolveStoredAsync(batch);
        }
        foreach (var waiter in waiters) waiter.TrySetResult();
    }

    /// <summary>The rows were not written: the waiters hear it, and the rows go again with the room's next batch.</summary>
    private void FailMembers(List<Guid> memberIds, List<TaskCompletionSource> waiters, Exception error)
    {
        _failedMembers.UnionWith(memberIds);
        foreach (var waiter in waiters) waiter.TrySetException(error);
    }

    /// <summary>
    /// Numbers the batch after the tail. A change is applied to its target as it is at this point (earlier changes of
    /// this batch included); one that no longer applies (a second delete, an edit after a delete) is refused and left out.
    /// </summary>
    private RoomEvent[] ToEvents(List<PendingPost> batch)
    {
        // To the millisecond, as the stores keep it: an event (and an edit time) reads the same from memory and store.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        var next = _tail.LastSeq + 1;
        var events = new List<RoomEvent>(batch.Count);
        Dictionary<long, RoomEvent>? changed = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            if (p.Change is null)
            {
                events.Add(new RoomEvent(next++, p.Kind, p.UserId, p.AuthorName, p.ClientMsgId, p.Text, p.TargetSeq, at, Attachment: p.Attachment));
                continue;
            }
            changed ??= [];
            var target = p.TargetSeq!.Value;
            try
            {
                var before = changed.GetValueOrDefault(target) ?? _currentMessage(target) ?? p.Target!;
                var after = p.Change(before, at);
                changed[target] = after;
                p.Target = before;
                p.TargetAfter = after;
                events.Add(ChangeEvent(next++, p, after, at));
            }
            catch (ChatException ex)
            {
                Refuse(p, ex);
                batch.RemoveAt(i--);
            }
        }
        return [.. events];
    }

    /// <summary>The event of a change: its text is the new text of an edit, the emoji of a reaction, else empty.</summary>
    private static RoomEvent ChangeEvent(long seq, PendingPost p, RoomEvent after, DateTimeOffset at) => new(
        seq, p.Kind, p.UserId, p.AuthorName, p.ClientMsgId, p.Kind == RoomEventKinds.Delete ? "" : p.Text, p.TargetSeq, at,
        Reactions: p.Kind == RoomEventKinds.Reaction ? after.Reactions : null,
        Pinned: p.Kind == RoomEventKinds.Pin && after.Pinned);

    private void Commit(List<PendingPost> batch, RoomEvent[] events)
    {
        foreach (var e in events) _tail.Add(e);
        foreach (var p in batch) _inFlight.Remove((p.UserId, p.ClientMsgId));
        _committed(batch, events);
        for (var i = 0; i < batch.Count; i++) batch[i].Complete(new PostResult(events[i].Seq, events[i].At, Duplicate: false));
    }

    /// <summary>After a conflict: completes the posts that turn out to be stored already; returns the others.</summary>
    private async Task<List<PendingPost>> ResolveStoredAsync(List<PendingPost> batch)
    {
        var remaining = new List<PendingPost>(batch.Count);
        foreach (var p in batch)
        {
            var stored = _tail.FindByClientId(p.UserId, p.ClientMsgId) ?? await _log.FindByClientIdAsync(p.UserId, p.ClientMsgId);
            if (stored is null)
            {
                // Another activation may have changed the target meanwhile: the change applies to what is stored.
                if (p.Change is not null) p.Target = await _log.ReloadTargetAsync(p.TargetSeq!.Value) ?? p.Target;
                remaining.Add(p);
                continue;
            }
            _inFlight.Remove((p.UserId, p.ClientMsgId));
            p.Complete(new PostResult(stored.Seq, stored.At, Duplicate: true));
        }
        return remaining;
    }

    private void Fail(List<PendingPost> batch, string message)
    {
        foreach (var p in batch) Refuse(p, new ChatException(message));
    }
}
