using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Presence;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A chat room or direct conversation: what it is (persisted grain state), its members and roles (rows of
/// <see cref="IRoomEventStore"/>), the event log's sequencer (events in the same store), and the fan-out of
/// notifications to gateways. See docs/architecture.md.
/// </summary>
public sealed partial class RoomGrain : Grain, IRoomGrain
{
    private readonly IPersistentState<RoomState> _state;
    private readonly IRoomEventStore _store;
    private readonly TimeProvider _time;
    private readonly RoomOptions _options;
    private readonly AdminOptions _admins;
    private readonly UserLimitOptions _userLimits;
    private readonly ReservedRoomNames _reserved;
    private readonly ILogger<RoomGrain> _logger;
    private readonly RoomTail _tail = new(ChatLimits.TailSize);
    private long _seqFloor;
    private long _restoredSeq;

    public RoomGrain(
        [PersistentState("room", ChatStorage.ProviderName)] IPersistentState<RoomState> state,
        IRoomEventStore store,
        TimeProvider time,
        IOptions<RoomOptions> options,
        IOptions<AdminOptions> admins,
        IOptions<UserLimitOptions> userLimits,
        ILogger<RoomGrain> logger)
    {
        _state = state;
        _store = store;
        _time = time;
        _options = options.Value;
        _admins = admins.Value;
        _userLimits = userLimits.Value;
        _credits = new SendCredits(_userLimits.SendLeaseLifetime);
        _posting = new RoomPosting(RoomId, _tail, new PostingLog(this), time, _options.MaxAppendAttempts, logger, CurrentMessage, Committed, MemberRowsOf);
        _reserved = new ReservedRoomNames(_options.ReservedNames);
        _logger = logger;
    }

    private string RoomId => this.GetPrimaryKeyString();

    private RoomState Room => _state.State;

    private bool Exists => Room.Name is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReloadTailAsync(cancellationToken);
        var changed = await LoadMembersAsync(cancellationToken);
        if (!Exists && RoomId == ChatLimits.LobbyId)
        {
            Room.Name = ReservedRoomNames.Lobby;
            Room.Topic = "Everyone starts here.";
            Room.CreatedAt = _time.GetUtcNow();
            changed = true;
        }
        changed |= StartMemberSweep() && Exists;
        // Once per room, not per activation: a migration of old members, the lobby's creation, the start of activity times.
        if (changed) await _state.WriteStateAsync(cancellationToken);
        this.RegisterGrainTimer(ExpireGatewaysAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.SubscriptionExpiry / 3,
            Period = _options.SubscriptionExpiry / 3,
            Interleave = true,
        });
        // Operators (and the failover tests) follow rooms across silos by this line.
        _logger.LogInformation("Room {Room} activated at seq {Seq}", RoomId, _tail.LastSeq);
    }

    private async Task ReloadTailAsync(CancellationToken cancellationToken = default)
    {
        var newest = await _store.ReadBeforeAsync(RoomId, long.MaxValue, ChatLimits.TailSize, cancellationToken);
        // After a restore the next number is above the floor: clients may hold numbers issued after the backup was
        // taken, and would drop new events that reuse them as duplicates (a gap instead, which they fill by catch-up).
        _seqFloor = await _store.ReadSequenceFloorAsync(cancellationToken);
        _tail.Reset(newest, Math.Max(newest.Count > 0 ? newest[^1].Seq : 0, _seqFloor));
        if (_seqFloor > 0)
        {
            var restored = await _store.ReadBeforeAsync(RoomId, _seqFloor + 1, 1, cancellationToken);
            _restoredSeq = restored.Count > 0 ? restored[^1].Seq : 0;
        }
        _pinnedCount = null;
    }

    public async Task<RoomSummary> Create(string name, Guid owner, MemberIdentity ownerIdentity, bool isPrivate)
    {
        if (RoomIds.ValidateName(name) is { } error) throw new ChatException(error);
        if (RoomIds.IsConversation(RoomId)) throw new ChatException("That is not a room id.");
        EnsureNotReserved(name);
        if (!isPrivate && RoomIds.ToId(name) != RoomId) throw new ChatException("The room name does not match the room id.");
        // A private room's name is nobody else's business, even when a public name maps to its id.
        if (Exists) throw new ChatException(Room.IsPublic ? $"A room named '{Room.Name}' exists already." : "That room name is not available.");

        var now = _time.GetUtcNow();
        Room.Name = name.Trim();
        Room.Owner = owner;
        Room.CreatedAt = now;
        Room.IsPublic = !isPrivate;
        Members[owner] = RoomMember.New(ownerIdentity, now, RoomRoles.Owner);
        Reindex(owner);
        // Rows first: a crash between the two leaves rows of a room that does not exist, which its next activation drops.
        await SaveMembersAsync([owner]);
        await _state.WriteStateAsync();
        var summary = Summary();
        if (Room.IsPublic) await Directory.Register(summary);
        return summary;
    }

    public async Task<JoinResult> CreateGroup(Guid owner, MemberIdentity ownerIdentity, Dictionary<Guid, MemberIdentity> others)
    {
        if (!RoomIds.IsGroup(RoomId)) throw new ChatException("That is not a group conversation's id.");
        if (Exists) throw new ChatException("That conversation exists already.");
        others.Remove(owner);
        if (others.Count < 2) throw new ChatException("A group conversation needs at least two other people; write to one person directly.");
        if (others.Count + 1 > _options.MaxGroupMembers)
            throw new ChatException($"A group conversation has at most {_options.MaxGroupMembers} people.");
        // As an invitation: someone who blocked the creator cannot be put in a conversation with them.
        await Task.WhenAll(others.Keys.Select(other => EnsureReachableAsync(owner, other)));

        var now = _time.GetUtcNow();
        Room.Kind = RoomKinds.Group;
        Room.IsPublic = false;
        Room.CreatedAt = now;
        Room.Owner = owner;
        // Shown by the page as the members' current names; this one (the names at creation) is only a fallback.
        var names = string.Join(", ", others.Values.Prepend(ownerIdentity).Select(m => m.Name));
        Room.Name = names.Length <= 100 ? names : names[..99] + "…";
        Members[owner] = RoomMember.New(ownerIdentity, now);
        foreach (var (userId, identity) in others) Members[userId] = RoomMember.New(identity, now);
        foreach (var userId in Members.Keys) Reindex(userId);
        await SaveMembersAsync(Members.Keys.ToList());
        await _state.WriteStateAsync();
        foreach (var userId in others.Keys) GrainFactory.GetGrain<IUserGrain>(userId).RoomAdded(RoomId).Ignore();
        return View(owner, Members[owner]);
    }

    public async Task<JoinResult> OpenDirect(Guid userId, MemberIdentity user, Guid peerId, MemberIdentity peer)
    {
        if (userId == peerId) throw new ChatException("A direct conversation needs two different people.");
        if (RoomIds.Direct(userId, peerId) != RoomId) throw new ChatException("That is not the conversation of these two users.");
        if (!Exists)
        {
            var blocked = await BlockedSendersOfNewDirectAsync(userId, peerId);
            var now = _time.GetUtcNow();
            Room.BlockedSenders = blocked;
            Room.Name = "Direct conversation";
            Room.Kind = RoomKinds.Direct;
            Room.IsPublic = false;
            Room.CreatedAt = now;
            Members[userId] = RoomMember.New(user, now);
            Members[peerId] = RoomMember.New(peer, now);
            Reindex(userId);
            Reindex(peerId);
            await SaveMembersAsync([userId, peerId]);
            await _state.WriteStateAsync();
            NotifyMemberChange(MemberChangeKinds.Joined, peerId, Members[peerId]);
            GrainFactory.GetGrain<IUserGrain>(peerId).RoomAdded(RoomId).Ignore();
        }
        else if (Room.BlockedSenders.Contains(userId))
        {
            throw new ChatException(UnreachableMessage);
        }
        return View(userId, EnsureMember(userId));
    }

    public async Task<JoinResult> Join(Guid userId, MemberIdentity identity)
    {
        if (Members.TryGetValue(userId, out var existing))
        {
            Touch(userId, existing);
            return View(userId, existing);
        }
        if (!Exists || !Room.IsPublic) throw NotFound();
        if (Room.Banned.Contains(userId)) throw new ChatException("You are banned from this room.");

        var member = RoomMember.New(identity, _time.GetUtcNow());
        Members[userId] = member;
        Reindex(userId);
        // One row and one line, in one commit: a join costs the same in a room of ten and of a hundred thousand.
        var line = QueueMemberLine(MemberLine.Joined, userId, userId, member.Name, [userId]);
        // The joiner's view starts with their own line.
        await SaveWithLineAsync(line);
        NotifyMemberChange(MemberChangeKinds.Joined, userId, member);
        return View(userId, member);
    }

    public async Task Leave(Guid userId)
    {
        var member = EnsureMember(userId);
        if (Room.Kind == RoomKinds.Direct) throw new ChatException("A direct conversation cannot be left.");
        var actorName = member.Name;
        Members.Remove(userId);
        var audience = StopDelivery(userId);
        var heir = member.Role == RoomRoles.Owner ? PassOwnership() : null;
        var line = QueueMemberLine(MemberLine.Left, userId, userId, member.Name, RowsOf(userId, heir), actorName);
        // The owner is a room attribute: only a passed ownership writes the state.
        if (heir is not null) await _state.WriteStateAsync();
        await SaveWithLineAsync(line);
        NotifyRemoval(MemberChangeKinds.Left, userId, member, audience);
        NotifyHeir(heir);
    }

    private static Guid[] RowsOf(Guid userId, Guid? heir) => heir is { } id ? [userId, id] : [userId];

    /// <summary>The owner left: the longest-standing moderator, else member, becomes owner.</summary>
    private Guid? PassOwnership()
    {
        var heir = Members
            .OrderByDescending(m => RoomRoles.Rank(m.Value.Role))
            .ThenBy(m => m.Value.JoinedAt)
            .Select(m => (Guid?)m.Key)
            .FirstOrDefault();
        if (heir is { } id)
        {
            Members[id].Role = RoomRoles.Owner;
            Room.Owner = id;
        }
        return heir;
    }

    public async Task<EventPage> GetEventsAfter(Guid userId, long afterSeq, int limit)
    {
        EnsureMember(userId);
        limit = Math.Clamp(limit, 1, ChatLimits.MaxPageSize);
        afterSeq = Math.Max(0, afterSeq);
        var lastSeq = _tail.LastSeq;
        IReadOnlyList<RoomEvent> events = afterSeq >= lastSeq
            ? []
            : _tail.After(afterSeq, limit) ?? await _store.ReadAfterAsync(RoomId, afterSeq, limit);
        return new EventPage(events, lastSeq);
    }

    public async Task<EventPage> GetEventsBefore(Guid userId, long beforeSeq, int limit)
    {
        EnsureMember(userId);
        limit = Math.Clamp(limit, 1, ChatLimits.MaxPageSize);
        var lastSeq = _tail.LastSeq;
        beforeSeq = Math.Clamp(beforeSeq, 1, lastSeq + 1);
        IReadOnlyList<RoomEvent> events = _tail.Before(beforeSeq, limit) ?? await _store.ReadBeforeAsync(RoomId, beforeSeq, limit);
        return new EventPage(events, lastSeq);
    }

    public Task<RoomListing> GetListing(Guid userId)
    {
        var member = EnsureMember(userId);
        var peer = Room.Kind == RoomKinds.Direct
            ? Members.Where(m => m.Key != userId).Select(m => Info(m.Key, m.Value)).FirstOrDefault()
            : null;
        return Task.FromResult(new RoomListing(Summary(), _tail.LastSeq, 0, member.Role, peer) { SeqFloor = _seqFloor, RestoredSeq = _restoredSeq });
    }

    public async Task<RoomListing> GetListingFor(Guid userId, long readMarker) =>
        await GetListing(userId) with { Unread = UnreadAfter(userId, readMarker) };

    /// <summary>
    /// The messages of others after <paramref name="marker"/>, counted in the tail; events older than the tail count
    /// one each (minus the numbers a restore skipped), as they cannot be told apart without a store read.
    /// </summary>
    private long UnreadAfter(Guid userId, long marker)
    {
        marker = Math.Max(0, marker);
        if (marker >= _tail.LastSeq) return 0;
        long unread = _tail.CountMessagesAfter(marker, userId);
        var firstHeld = _tail.FirstSeq;
        if (marker + 1 >= firstHeld) return unread;
        var older = firstHeld - 1 - marker;
        if (_seqFloor > 0)
        {
            // Never used: the numbers after the newest restored event up to the floor.
            var skipped = Math.Min(firstHeld - 1, _seqFloor) - Math.Max(marker + 1, _restoredSeq + 1) + 1;
            older -= Math.Max(0, skipped);
        }
        return unread + Math.Max(0, older);
    }

    private IRoomDirectoryGrain Directory => GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key);

    private RoomSummary Summary() =>
        new(RoomId, Room.Name ?? RoomId, Room.Topic, Members.Count, Room.Kind, !Room.IsPublic);

    private JoinResult View(Guid userId, RoomMember member)
    {
        var recent = _tail.Before(_tail.LastSeq + 1, ChatLimits.RecentOnJoin) ?? [];
        var members = FirstPageFor(userId, member);
        return new JoinResult(Summary(), members.Members, recent, _tail.LastSeq, member.Role, members.Next, members.Online);
    }

    private MemberInfo Info(Guid userId, RoomMember member)
    {
        var state = Presence.StateOf(userId);
        return new(userId, member.Name, state != PresenceState.Offline, member.Role, member.Avatar, state == PresenceState.Away, member.Status,
            MemberActivity.Shown(member));
    }

    private void EnsureNotReserved(string name)
    {
        if (_reserved.IsReserved(name)) throw new ChatException($"'{name.Trim()}' is a reserved name: please choose another room name.");
    }

    /// <summary>To anyone who may not see the room, it does not exist: the same words as for a room that does not.</summary>
    private ChatException NotFound() => new($"There is no room '{RoomId}'.");

    private RoomMember EnsureMember(Guid userId)
    {
        if (Members.TryGetValue(userId, out var member) && Exists) return member;
        if (!Exists || !Room.IsPublic) throw NotFound();
        throw new ChatException("You are not a member of this room.");
    }
}
