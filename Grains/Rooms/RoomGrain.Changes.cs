namespace OrleansChat.Grains.Rooms;

// Changes of earlier messages (edit, delete, reaction, pin): each is an event of the room's sequence that names its
// target, queued and committed like a post (same flush, same group commit, same de-duplication by client id), and the
// store rewrites the target's row in the same transaction, so history shows each message as it is now. A change reads
// its target first (from the tail, else from the store: an await, so changes have no order with the sender's posts);
// its rule is checked then for a prompt answer, and again when it is sequenced, against the target as the changes
// before it in the sequence left it (_targets keeps, while changes of a target are pending, its newest state).
public sealed partial class RoomGrain
{
    private readonly Dictionary<long, RoomEvent> _targets = [];
    private readonly Dictionary<long, int> _targetUsers = [];
    private int? _pinnedCount;
    private int _pinsPending;

    public Task<PostResult> Edit(Guid userId, string clientMsgId, long targetSeq, string text)
    {
        var member = EnsureCanPost(userId);
        var clean = MessageText.Clean(text);
        // An edit cannot smuggle in what a post may not say.
        HereMention.Ensure(clean, member.Role);
        return ChangeAsync(userId, member.Name, clientMsgId, RoomEventKinds.Edit, targetSeq, clean,
            (target, at) => MessageChanges.Edit(target, userId, clean, at));
    }

    public Task<PostResult> Delete(Guid userId, string clientMsgId, long targetSeq)
    {
        // A site administrator moderates rooms without being a member; in a direct conversation only authors delete.
        var isAdmin = _admins.IsAdmin(userId) && Exists && !RoomKinds.IsConversation(Room.Kind) && !Members.ContainsKey(userId);
        var member = isAdmin ? null : EnsureMember(userId);
        var moderates = !RoomKinds.IsConversation(Room.Kind) && (isAdmin || _admins.IsAdmin(userId) || RoomRoles.Rank(member!.Role) >= RoomRoles.Rank(RoomRoles.Moderator));
        var direct = RoomKinds.IsConversation(Room.Kind);
        return ChangeAsync(userId, member?.Name ?? "Site administrator", clientMsgId, RoomEventKinds.Delete, targetSeq, "", (target, _) =>
        {
            if (target.Kind == RoomEventKinds.Message && target.AuthorId != userId && !moderates)
                throw new ChatException(direct
                    ? "In a direct conversation only its author can delete a message."
                    : "Only its author, moderators and the owner can delete a message.");
            return MessageChanges.Delete(target);
        });
    }

    public Task<PostResult> React(Guid userId, string clientMsgId, long targetSeq, string emoji, bool add)
    {
        var member = EnsureCanPost(userId);
        if (!ReactionEmoji.IsValid(emoji)) throw new ChatException("A reaction is one emoji.");
        return ChangeAsync(userId, member.Name, clientMsgId, RoomEventKinds.Reaction, targetSeq, emoji,
            (target, _) => MessageChanges.React(target, userId, emoji, add, _options.MaxReactionEmoji, _options.MaxReactionsPerMessage));
    }

    public async Task<PostResult> Pin(Guid userId, string clientMsgId, long targetSeq, bool pinned)
    {
        var isAdmin = _admins.IsAdmin(userId) && Exists && !RoomKinds.IsConversation(Room.Kind) && !Members.ContainsKey(userId);
        var member = isAdmin ? null : EnsureMember(userId);
        if (!isAdmin && !RoomKinds.IsConversation(Room.Kind) && !_admins.IsAdmin(userId) && RoomRoles.Rank(member!.Role) < RoomRoles.Rank(RoomRoles.Moderator))
            throw new ChatException("Only moderators and the owner can pin messages.");
        if (!pinned) return await ChangeAsync(userId, member?.Name ?? "Site administrator", clientMsgId, RoomEventKinds.Pin, targetSeq, "", (target, _) => MessageChanges.Pin(target, false));

        _pinnedCount ??= (await _store.ReadPinnedAsync(RoomId, _options.MaxPinnedMessages + 1)).Count;
        // Pins in flight count as pinned: the limit holds however many arrive at once.
        if (_pinnedCount + _pinsPending >= _options.MaxPinnedMessages)
            throw new ChatException($"A room can have at most {_options.MaxPinnedMessages} pinned messages. Unpin one first.");
        _pinsPending++;
        try
        {
            return await ChangeAsync(userId, member?.Name ?? "Site administrator", clientMsgId, RoomEventKinds.Pin, targetSeq, "", (target, _) => MessageChanges.Pin(target, true));
        }
        finally
        {
            _pinsPending--;
        }
    }

    public async Task<IReadOnlyList<RoomEvent>> GetPinned(Guid userId)
    {
        EnsureMember(userId);
        return await _store.ReadPinnedAsync(RoomId, _options.MaxPinnedMessages);
    }

    public async Task<int> BanAndDelete(Guid actor, Guid target, int deleteHours)
    {
        if (deleteHours < 0 || deleteHours > _options.MaxBanDeleteHours)
            throw new ChatException($"A ban can delete the messages of the last 0 to {_options.MaxBanDeleteHours} hours.");
        await Ban(actor, target);
        if (deleteHours == 0) return 0;

        var since = _time.GetUtcNow() - TimeSpan.FromHours(deleteHours);
        var messages = await _store.ReadMessagesOfAsync(RoomId, target, since, _options.MaxBanDeleteMessages);
        var actorName = Members.TryGetValue(actor, out var member) ? member.Name : "Site administrator";
        // One delete event per message, all queued at once (they share commits); ids derived from the message, so a
        // repeated ban finds them done. Not rate limited: one moderator action.
        var deletes = messages.Select(async message =>
        {
            try
            {
                await ChangeAsync(actor, actorName, $"ban-{target:N}-{message.Seq}", RoomEventKinds.Delete, message.Seq, "",
                    (current, _) => MessageChanges.Delete(current), known: message, limited: false);
                return true;
            }
            catch (ChatException)
            {
                return false; // deleted meanwhile
            }
        });
        return (await Task.WhenAll(deletes)).Count(deleted => deleted);
    }

    private async Task<PostResult> ChangeAsync(
        Guid userId, string authorName, string clientMsgId, string kind, long targetSeq, string text, Func<RoomEvent, DateTimeOffset, RoomEvent> change,
        RoomEvent? known = null, bool limited = true)
    {
        EnsureClientMsgId(clientMsgId);
        if (_posting.Known(userId, clientMsgId) is { } first) return await first;
        if (targetSeq < 1 || targetSeq > _tail.LastSeq) throw NoMessage(targetSeq);
        if (limited && !TakeSendToken(userId)) throw ChatException.SendingTooFast();

        // Registered before the read: a change committed while it runs updates _targets, and wins over what was read.
        _targetUsers[targetSeq] = _targetUsers.GetValueOrDefault(targetSeq) + 1;
        try
        {
            var target = CurrentMessage(targetSeq) ?? known ?? await ReadTargetAsync(targetSeq) ?? throw NoMessage(targetSeq);
            if (_tail.Get(targetSeq) is null) _targets.TryAdd(targetSeq, target);
            // A retry that arrived while the first was reading its target.
            if (_posting.Known(userId, clientMsgId) is { } retried) return await retried;
            change(CurrentMessage(targetSeq) ?? target, _time.GetUtcNow());

            var pending = new PendingPost(userId, authorName, clientMsgId, text, targetSeq) { Kind = kind, Change = change, Target = target };
            return await _posting.Enqueue(pending);
        }
        finally
        {
            if (--_targetUsers[targetSeq] == 0)
            {
                _targetUsers.Remove(targetSeq);
                _targets.Remove(targetSeq);
            }
        }
    }

    /// <summary>The target as the committed changes left it, if this activation holds it (tail or pending changes).</summary>
    private RoomEvent? CurrentMessage(long seq) => _tail.Get(seq) ?? _targets.GetValueOrDefault(seq);

    private async Task<RoomEvent?> ReadTargetAsync(long seq) =>
        (await _store.ReadAfterAsync(RoomId, seq - 1, 1)) is [{ } e] && e.Seq == seq ? e : null;

    /// <summary>After a conflict: the target as stored (another activation may have changed it).</summary>
    private async Task<RoomEvent?> ReloadTargetAsync(long seq)
    {
        var stored = await ReadTargetAsync(seq);
        if (stored is not null && _targetUsers.ContainsKey(seq) && _tail.Get(seq) is null) _targets[seq] = stored;
        return stored;
    }

    /// <summary>A change was committed: what this activation holds of its target follows, as the store's row did.</summary>
    private void Changed(string kind, RoomEvent before, RoomEvent after)
    {
        _tail.Replace(after);
        if (kind == RoomEventKinds.Delete) _tail.EraseEdits(after.Seq);
        if (_targetUsers.ContainsKey(after.Seq) && _tail.Get(after.Seq) is null) _targets[after.Seq] = after;
        if (_pinnedCount is { } pinned) _pinnedCount = pinned + (after.Pinned ? 1 : 0) - (before.Pinned ? 1 : 0);
    }

    private ChatException NoMessage(long seq) => new($"There is no message {seq} in this room.");
}
