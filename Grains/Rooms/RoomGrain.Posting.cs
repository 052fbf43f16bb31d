using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

// Posting: the grain checks a post against the room's rules (membership, text, rate limits, credits) and hands it to
// RoomPosting, which numbers, batches, commits and acknowledges it. Post interleaves (AlwaysInterleave) so that posts
// arriving during a commit join the next batch instead of waiting one commit each. A post also spends a credit of its sender's budget over all
// rooms (SendCredits), leased from the sender's user grain in chunks: only a post that finds none waits for a lease,
// and the sender's later posts wait behind it, so their order is kept.
public sealed partial class RoomGrain
{
    private readonly RoomPosting _posting;
    private readonly SendCredits _credits;
    private readonly Dictionary<Guid, List<PendingPost>> _awaitingCredit = [];
    private readonly Dictionary<Guid, TokenBucket> _sendBuckets = [];
    private readonly Dictionary<Guid, DateTimeOffset> _lastTyping = [];

    public async Task<PostOutcome[]> Post(Guid userId, PostRequest[] posts)
    {
        var member = EnsureCanPost(userId);
        if (posts is null || posts.Length == 0) throw new ChatException("A message is missing.");
        if (posts.Length > ChatLimits.MaxPostsPerBatch) throw new ChatException($"At most {ChatLimits.MaxPostsPerBatch} messages at once.");

        // Submitted one after the other before anything is awaited: they join the queue in the sender's order.
        var submitted = new Task<PostResult>[posts.Length];
        for (var i = 0; i < posts.Length; i++)
        {
            submitted[i] = posts[i] is { } post ? Submit(userId, member, post.ClientMsgId, post.Text ?? "", post.ReplyTo, post.File) : Task.FromException<PostResult>(new ChatException("A message is missing."));
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

            if (_posting.Known(userId, clientMsgId) is { } known) return known;

            if (file is not null) EnsureValid(file);
            // A file needs no words with it.
            var cleanText = file is not null && string.IsNullOrWhiteSpace(text) ? "" : MessageText.Clean(text);
            HereMention.Ensure(cleanText, member.Role);
            if (replyTo is { } original) EnsureCanReplyTo(original);
            if (!TakeSendToken(userId)) throw ChatException.SendingTooFast();
            var pending = new PendingPost(userId, member.Name, clientMsgId, cleanText, replyTo) { Attachment = file };
            if (!_awaitingCredit.ContainsKey(userId) && _credits.TryTake(userId, _time.GetUtcNow())) return _posting.Enqueue(pending);
            // It waits for a lease, behind the sender's posts that wait already: known to retries meanwhile.
            _posting.Hold(pending);
            if (_awaitingCredit.TryGetValue(userId, out var waiting)) waiting.Add(pending);
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

    /// <summary>
    /// Leases credits of the sender's budget over all rooms for the posts waiting for them, and queues those posts in
    /// order; the ones the budget cannot cover are refused. Asks again while the budget covered the whole request and
    /// more posts arrived meanwhile.
    /// </summary>
    private async Task LeaseCreditsAsync(Guid userId)
    {
        // The rest of this turn (the other posts of one Post call) joins the waiting list first: one lease covers them.
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
            while (ready < waiting.Count && _credits.TryTake(userId, now)) _ = _posting.Enqueue(waiting[ready++]);
            waiting.RemoveRange(0, ready);
            if (waiting.Count == 0) break;
            if (granted >= wanted) continue;
            foreach (var post in waiting) _posting.Refuse(post, ChatException.SendingTooFast());
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

    /// <summary>After a commit: what this activation holds of changed targets follows, and the gateways hear of the events.</summary>
    private void Committed(IReadOnlyList<PendingPost> batch, RoomEvent[] events)
    {
        foreach (var p in batch)
        {
            if (p.TargetAfter is { } after) Changed(p.Kind, p.Target!, after);
        }
        ChatMetrics.MessagesStored.Add(events.Length);
        NotifyEvents(events);
    }

    /// <summary>The room's event store as its posting sees it.</summary>
    private sealed class PostingLog(RoomGrain room) : IPostingLog
    {
        public Task<AppendOutcome> AppendAsync(IReadOnlyList<RoomEvent> events, MemberWrites members) =>
            room._store.AppendAsync(room.RoomId, events, members);

        public Task<RoomEvent?> FindByClientIdAsync(Guid authorId, string clientMsgId) => room._store.FindByClientIdAsync(room.RoomId, authorId, clientMsgId);

        public Task ReloadAsync() => room.ReloadTailAsync();

        public Task<RoomEvent?> ReloadTargetAsync(long seq) => room.ReloadTargetAsync(seq);
    }
}
