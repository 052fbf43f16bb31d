using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

// Posting: one flush loop per room turns queued posts into consecutive events, appends them in one store call and
// acknowledges them only after the commit. Post interleaves (AlwaysInterleave) so that posts arriving during a commit
// join the next batch instead of waiting one commit each.
public sealed partial class RoomGrain
{
    private readonly List<PendingPost> _queue = [];
    private readonly Dictionary<(Guid, string), PendingPost> _inFlight = [];
    private readonly Dictionary<Guid, TokenBucket> _sendBuckets = [];
    private readonly Dictionary<Guid, DateTimeOffset> _lastTyping = [];
    private bool _flushing;

    public async Task<PostResult> Post(Guid userId, string clientMsgId, string text)
    {
        var member = EnsureMember(userId);
        if (string.IsNullOrEmpty(clientMsgId) || clientMsgId.Length > ChatLimits.MaxClientMsgIdLength)
            throw new ChatException($"A message id has 1 to {ChatLimits.MaxClientMsgIdLength} characters.");

        if (_tail.FindByClientId(userId, clientMsgId) is { } stored) return new PostResult(stored.Seq, stored.At, Duplicate: true);
        if (_inFlight.TryGetValue((userId, clientMsgId), out var running))
        {
            var first = await running.Result;
            return first with { Duplicate = true };
        }

        var cleanText = MessageText.Clean(text);
        if (!TakeSendToken(userId)) throw new ChatException("You are sending messages too fast. Please slow down.");
        var pending = new PendingPost(userId, member.Name, clientMsgId, cleanText);
        _inFlight[(userId, clientMsgId)] = pending;
        _queue.Add(pending);
        if (!_flushing) _ = FlushAsync();
        return await pending.Result;
    }

    public Task Typing(Guid userId)
    {
        var member = EnsureMember(userId);
        var now = _time.GetUtcNow();
        if (_lastTyping.TryGetValue(userId, out var last) && now - last < _options.TypingInterval) return Task.CompletedTask;
        _lastTyping[userId] = now;
        NotifyTyping(Info(userId, member));
        return Task.CompletedTask;
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

    private RoomEvent[] ToEvents(List<PendingPost> batch)
    {
        var at = _time.GetUtcNow();
        var first = _tail.LastSeq + 1;
        var events = new RoomEvent[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            events[i] = new RoomEvent(first + i, RoomEventKinds.Message, p.UserId, p.AuthorName, p.ClientMsgId, p.Text, null, at);
        }
        return events;
    }

    private void Commit(List<PendingPost> batch, RoomEvent[] events)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            _tail.Add(events[i]);
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
