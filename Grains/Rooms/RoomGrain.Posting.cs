using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

// Posting: one flush loop per room turns queued posts into consecutive events, appends them in one store call and
// acknowledges them only after the commit. Post interleaves (AlwaysInterleave) so that posts arriving during a commit
// join the next batch instead of waiting one commit each. A post also spends a credit of its sender's budget over all
// rooms (SendCredits), leased from the sender's user grain in chunks: only a post that finds none waits for a lease,
// and the sender's later posts wait behind it, so their order is kept.
public sealed partial class RoomGrain
{
    private readonly SendCredits _credits;
    private readonly Dictionary<Guid, List<PendingPost>> _awaitingCredit = [];
    private readonly List<PendingPost> _queue = [];
    private readonly Dictionary<(Guid, string), PendingPost> _inFlight = [];
    private readonly Dictionary<Guid, TokenBucket> _sendBuckets = [];
    private readonly Dictionary<Guid, DateTimeOffset> _lastTyping = [];
    private bool _flushing;

    public Task<PostResult> Post(Guid userId, string clientMsgId, string text) => Submit(userId, EnsureCanPost(userId), clientMsgId, text, null);

    public Task<PostResult> Reply(Guid userId, string clientMsgId, long replyTo, string text) => Submit(userId, EnsureCanPost(userId), clientMsgId, text, replyTo);

    public async Task<PostOutcome[]> PostMany(Guid userId, PostRequest[] posts)
    {
        var member = EnsureCanPost(userId);
        if (posts.Length > ChatLimits.MaxPostsPerBatch) throw new ChatException($"At most {ChatLimits.MaxPostsPerBatch} messages at once.");

        // Submitted one after the other before anything is awaited: they join the queue in the sender's order.
        var submitted = new Task<PostResult>[posts.Length];
        for (var i = 0; i < posts.Length; i++)
        {
            submitted[i] = posts[i] is { } post ? Submit(userId, member, post.ClientMsgId, post.Text, post.ReplyTo) : Task.FromException<PostResult>(new ChatException("A message is missing."));
        }
        var outcomes = new PostOutcome[posts.Length];
        for (var i = 0; i < submitted.Length; i++)
        {
            try
            {
                outcomes[i] = new PostOutcome(await submitted[i], null);
            }
            catch (ChatException ex)
            {
                outcomes[i] = new PostOutcome(null, ex.Message);
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Checks a post and queues it for the next commit, all before the first await, so that posts are sequenced in the
    /// order they are submitted; the task completes with the acknowledgement after the commit.
    /// </summary>
    private Task<PostResult> Submit(Guid userId, RoomMember member, string clientMsgId, string text, long? replyTo, FileAttachment? file = null)
    {
        try
        {
            EnsureClientMsgId(clientMsgId);

            if (_tail.FindByClientId(userId, clientMsgId) is { } stored)
                return Task.FromResult(new PostResult(stored.Seq, stored.At, Duplicate: true));
            if (_inFlight.TryGetValue((userId, clientMsgId), out var running))
                return AsDuplicate(running.Result);

            // A file needs no words with it.
            var cleanText = file is not null && string.IsNullOrWhiteSpace(text) ? "" : MessageText.Clean(text);
            HereMention.Ensure(cleanText, member.Role);
            if (replyTo is { } original) EnsureCanReplyTo(original);
            if (!TakeSendToken(userId)) throw ChatException.SendingTooFast();
            var pending = new PendingPost(userId, member.Name, clientMsgId, cleanText, replyTo) { Attachment = file };
            _inFlight[(userId, clientMsgId)] = pending;
            if (_awaitingCredit.TryGetValue(userId, out var waiting)) waiting.Add(pending);
            else if (_credits.TryTake(userId, _time.GetUtcNow())) Enqueue(pending);
            else
            {
                _awaitingCredit[userId] = [pending];
                _ = LeaseCreditsAsync(userId);
            }
            return pending.Result;
        }
        catch (ChatException ex)
        {
            return Task.FromException<PostResult>(ex);
        }
    }

    private static async Task<PostResult> AsDuplicate(Task<PostResult> first) => (await first) with { Duplicate = true };

    private static void EnsureClientMsgId(string clientMsgId)
    {
        if (string.IsNullOrEmpty(clientMsgId) || clientMsgId.Length > ChatLimits.MaxClientMsgIdLength)
            throw new ChatException($"A message id has 1 to {ChatLimits.MaxClientMsgIdLength} characters.");
    }

    /// <summary>
    /// A reply names an event of the room; a message still held in memory (the newest 500 events) is also checked to be
    /// a message that is not deleted. An older one is not read from the store, so that a reply is sequenced without an
    /// await, in its sender's order.
    /// </summary>
    private void EnsureCanReplyTo(long replyTo)
    {
        if (replyTo < 1 || replyTo > _tail.LastSeq) throw NoMessage(replyTo);
        if (_tail.Get(replyTo) is not { } original) return;
        if (original.Kind != RoomEventKinds.Message) throw new ChatException($"Event {replyTo} is not a message.");
        if (original.Deleted) throw new ChatException("That message was deleted: it cannot be replied to.");
    }

    public Task Typing(Guid userId)
    {
        var member = EnsureMember(userId);
        if (Room.BlockedSenders.Contains(userId)) return Task.CompletedTask;
        var now = _time.GetUtcNow();
        if (_lastTyping.TryGetValue(userId, out var last) && now - last < _options.TypingInterval) return Task.CompletedTask;
        _lastTyping[userId] = now;
        NotifyTyping(Info(userId, member));
        return Task.CompletedTask;
    }

    private void Enqueue(PendingPost pending)
    {
        _queue.Add(pending);
        if (!_flushing) _ = FlushAsync();
    }

    /// <summary>
    /// Leases credits of the sender's budget over all rooms for the posts waiting for them, and queues those posts in
    /// order; the ones the budget cannot cover are refused. Asks again while the budget covered the whole request and
    /// more posts arrived meanwhile.
    /// </summary>
    private async Task LeaseCreditsAsync(Guid userId)
    {
        // The rest of this turn (the other posts of a PostMany) joins the waiting list first: one lease covers them.
        await Task.Yield();
        var waiting = _awaitingCredit[userId];
        while (true)
        {
            var wanted = Math.Max(_credits.NextLeaseSize(userId, _userLimits.SendLease), waiting.Count);
            int granted;
            try
            {
                granted = await GrainFactory.GetGrain<IUserGrain>(userId).LeaseSendCredits(wanted);
            }
            catch (Exception ex)
            {
                // The sender's grain is unreachable (its silo failing over): the room's own limit still applies, and
                // refusing every message of the user for that long would be worse than a few beyond the budget.
                _logger.LogWarning(ex, "Leasing send credits of {User} in {Room} failed; allowing the waiting posts", userId, RoomId);
                granted = wanted;
            }
            var now = _time.GetUtcNow();
            _credits.Add(userId, granted, now);
            var ready = 0;
            while (ready < waiting.Count && _credits.TryTake(userId, now)) Enqueue(waiting[ready++]);
            waiting.RemoveRange(0, ready);
            if (waiting.Count == 0) break;
            if (granted >= wanted) continue;
            foreach (var post in waiting)
            {
                _inFlight.Remove((post.UserId, post.ClientMsgId));
                post.Fail(ChatException.SendingTooFast());
            }
            break;
        }
        _awaitingCredit.Remove(userId);
    }

    private bool TakeSendToken(Guid userId)
    {
        var now = _time.GetUtcNow();
        if (!_sendBuckets.TryGetValue(userId, out var bucket))
        {
            _sendBuckets[userId] = bucket = new TokenBucket(_options.SendRatePerSecond, _options.SendBurst, now);
        }
        return bucket.TryTake(now);
    }

    /// <summary>Forgets full buckets and old typing marks, so that memory follows the active senders only.</summary>
    private void PruneRateState()
    {
        var now = _time.GetUtcNow();
        foreach (var (user, bucket) in _sendBuckets.ToList())
        {
            if (bucket.IsFull(now)) _sendBuckets.Remove(user);
        }
        foreach (var (user, at) in _lastTyping.ToList())
        {
            if (now - at > _options.TypingInterval) _lastTyping.Remove(user);
        }
        // Unused credits go back to their senders' budgets (one-way, only for leases that ran out unused).
        foreach (var (user, credits) in _credits.Expire(now))
        {
            GrainFactory.GetGrain<IUserGrain>(user).ReturnSendCredits(credits).Ignore();
        }
    }

    private async Task FlushAsync()
    {
        _flushing = true;
        try
        {
            while (_queue.Count > 0)
            {
                var batch = _queue.ToList();
                _queue.Clear();
                await AppendAsync(batch);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task AppendAsync(List<PendingPost> batch)
    {
        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            var events = ToEvents(batch);
            if (events.Length == 0) return;
            AppendOutcome outcome;
            try
            {
                outcome = await _store.AppendAsync(RoomId, events);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Appending {Count} events to {Room} failed", events.Length, RoomId);
                Fail(batch, "The message could not be stored. Please send it again.");
                return;
            }

            if (outcome == AppendOutcome.Stored)
            {
                Commit(batch, events);
                return;
            }

            // Another activation wrote these sequence numbers, or a retry older than the tail: reload and re-check.
            _logger.LogWarning("Append to {Room} conflicted at seq {Seq} (attempt {Attempt})", RoomId, events[0].Seq, attempt);
            if (attempt >= _options.MaxAppendAttempts)
            {
                Fail(batch, "The room is busy. Please send the message again.");
                return;
            }
            await ReloadTailAsync();
            batch = await ResolveStoredAsync(batch);
        }
    }

    /// <summary>
    /// Numbers the batch. A change is applied to its target as it is at this point (earlier changes of this batch
    /// included); one that no longer applies (a second delete, an edit after a delete) is refused and left out.
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
                var before = changed.GetValueOrDefault(target) ?? CurrentMessage(target) ?? p.Target!;
                var after = p.Change(before, at);
                changed[target] = after;
                p.Target = before;
                p.TargetAfter = after;
                events.Add(ChangeEvent(next++, p, after, at));
            }
            catch (ChatException ex)
            {
                _inFlight.Remove((p.UserId, p.ClientMsgId));
                p.Fail(ex);
                batch.RemoveAt(i--);
            }
        }
        return [.. events];
    }

    private void Commit(List<PendingPost> batch, RoomEvent[] events)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            _tail.Add(events[i]);
            if (batch[i].TargetAfter is { } after) Changed(batch[i].Kind, batch[i].Target!, after);
            _inFlight.Remove((batch[i].UserId, batch[i].ClientMsgId));
            batch[i].Complete(new PostResult(events[i].Seq, events[i].At, Duplicate: false));
        }
        ChatMetrics.MessagesStored.Add(events.Length);
        NotifyEvents(events);
    }

    /// <summary>Completes the posts that turn out to be stored already; returns the others.</summary>
    private async Task<List<PendingPost>> ResolveStoredAsync(List<PendingPost> batch)
    {
        var remaining = new List<PendingPost>(batch.Count);
        foreach (var p in batch)
        {
            var stored = _tail.FindByClientId(p.UserId, p.ClientMsgId)
                ?? await _store.FindByClientIdAsync(RoomId, p.UserId, p.ClientMsgId);
            if (stored is null)
            {
                // Another activation may have changed the target meanwhile: the change applies to what is stored.
                if (p.Change is not null) p.Target = await ReloadTargetAsync(p.TargetSeq!.Value) ?? p.Target;
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
        foreach (var p in batch)
        {
            _inFlight.Remove((p.UserId, p.ClientMsgId));
            p.Fail(new ChatException(message));
        }
    }
}
