using OrleansChat.Grains.Presence;

namespace OrleansChat.Grains.Rooms;

// Member pages (issue 16): the member list in its order is kept sorted (MemberIndex) so that a page costs the page, not
// a sort of every member; joining answers counts and the first page; rooms whose list is paged push their counts
// (throttled) and rooms above Chat:Rooms:LazyPresenceAbove push no one's online/away/offline changes to everyone
// (docs/architecture.md, "Member pages").
public sealed partial class RoomGrain
{
    private MemberIndex? _memberIndex;
    private MemberCounts? _countsSent;
    private DateTimeOffset _countsSentAt = DateTimeOffset.MinValue;
    private IGrainTimer? _countsTimer;

    /// <summary>Built from the members at first use in an activation, then kept current by <see cref="Reindex"/>.</summary>
    private MemberIndex Index
    {
        get
        {
            if (_memberIndex is null)
            {
                _memberIndex = new MemberIndex();
                foreach (var (userId, member) in Members)
                    _memberIndex.Set(userId, Presence.StateOf(userId), MemberActivity.Shown(member), member.Name);
            }
            return _memberIndex;
        }
    }

    /// <summary>Rooms this large push no member's presence changes to everyone: clients read the members they show.</summary>
    private bool LazyPresence => Members.Count > _options.LazyPresenceAbove;

    /// <summary>The first page does not hold everyone: clients cannot count the members themselves.</summary>
    private bool PagedMembers => Members.Count > _options.MembersOnJoin;

    public Task<MemberPage> GetMembers(Guid userId, string? after, int limit, string? filter = null)
    {
        EnsureMember(userId);
        if (limit < 1 || limit > _options.MaxMemberPage)
            throw new ChatException($"A page of members holds 1 to {_options.MaxMemberPage} members.");
        MemberIndex.Entry? from = null;
        if (after is not null)
        {
            if (!MemberIndex.TryParseCursor(after, out var entry)) throw new ChatException("That is not a position in the member list.");
            from = entry;
        }
        filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
        return Task.FromResult(Page(from, limit, filter));
    }

    private MemberPage Page(MemberIndex.Entry? after, int limit, string? filter = null)
    {
        var (users, next) = Index.Page(after, limit, filter, _options.MemberFilterScan);
        var members = users.Select(id => Info(id, Members[id])).ToList();
        return new MemberPage(members, next, Index.Count, Index.Online);
    }

    /// <summary>
    /// The first page as the caller of <c>Join</c> (or of creating or opening the room) sees it: they open it from a
    /// connection that their gateway reports online just after this answer, so the page is taken with them online —
    /// listed where they will be, and counted. Taken with them offline, a caller who moves to the online after the first
    /// page would be before the next page's position and in no page at all.
    /// </summary>
    private MemberPage FirstPageFor(Guid userId, RoomMember member)
    {
        if (Presence.StateOf(userId) == PresenceState.Online) return Page(null, _options.MembersOnJoin);
        Index.Set(userId, PresenceState.Online, MemberActivity.Shown(member), member.Name);
        try
        {
            var page = Page(null, _options.MembersOnJoin);
            return page with { Members = [.. page.Members.Select(m => m.UserId == userId ? m with { Online = true, Away = false } : m)] };
        }
        finally
        {
            Index.Set(userId, Presence.StateOf(userId), MemberActivity.Shown(member), member.Name);
        }
    }

    /// <summary>
    /// Puts <paramref name="userId"/> where the member is now in the list (or takes them out when they are no longer a
    /// member); called after every change of membership, presence, activity or name.
    /// </summary>
    private void Reindex(Guid userId)
    {
        if (Exists && Members.TryGetValue(userId, out var member))
            Index.Set(userId, Presence.StateOf(userId), MemberActivity.Shown(member), member.Name);
        else
            Index.Remove(userId);
        CountsMayHaveChanged();
    }

    /// <summary>The member came online, went offline, opened the room or posted: a later time can move them in the list.</summary>
    private void Touch(Guid userId, RoomMember member)
    {
        Activity.Touch(userId, member);
        Reindex(userId);
    }

    /// <summary>
    /// In a room whose list is paged, pushes the counts when they changed: at once if the last push was at least
    /// <see cref="RoomOptions.MemberCountsInterval"/> ago, else once when it is up (one push for all changes meanwhile).
    /// </summary>
    private void CountsMayHaveChanged()
    {
        if (!PagedMembers || _countsTimer is not null) return;
        var wait = _countsSentAt + _options.MemberCountsInterval - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            PushCounts();
            return;
        }
        _countsTimer = this.RegisterGrainTimer(_ =>
        {
            _countsTimer?.Dispose();
            _countsTimer = null;
            PushCounts();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = wait, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private void PushCounts()
    {
        var counts = new MemberCounts(Index.Count, Index.Online);
        if (counts == _countsSent) return;
        _countsSent = counts;
        _countsSentAt = _time.GetUtcNow();
        foreach (var gateway in Presence.Audience) _ = gateway.Observer.OnMemberCounts(RoomId, counts, gateway.Recipients);
    }

    /// <summary>
    /// A member's online, away or offline change: to everyone in a small room; in a lazy one only to the member's own
    /// connections (their own state in the page's header), the others get counts and read the members they show.
    /// </summary>
    private void NotifyPresence(string kind, Guid userId, RoomMember member)
    {
        if (!LazyPresence)
        {
            NotifyMemberChange(kind, userId, member);
            return;
        }
        var change = new MemberChange(kind, Info(userId, member));
        foreach (var gateway in Presence.Audience)
        {
            if (gateway.Users.ContainsKey(userId)) _ = gateway.Observer.OnMemberChange(RoomId, change, [userId]);
        }
    }
}
