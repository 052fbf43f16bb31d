namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The ghosts rule of issue 14: when each member was last active in a room, and which members of a public room have
/// been away so long that they leave it (docs/architecture.md, "Inactive members"). Owned by <see cref="RoomGrain"/>:
/// the times live in the members' rows and are saved with the next write of that member's row for any reason, or by
/// the periodic sweep in bounded batches, never by a write of their own per change.
/// </summary>
public sealed class MemberActivity(RoomOptions options, TimeProvider time)
{
    private readonly HashSet<Guid> _unsaved = [];

    /// <summary>Some member's time changed since their row was last written.</summary>
    public bool Unsaved => _unsaved.Count > 0;

    /// <summary>
    /// Up to <paramref name="limit"/> members whose times changed since their rows were last written; they count as
    /// saved from now (a touch after this is unsaved again) unless <see cref="SaveFailed"/> says otherwise.
    /// </summary>
    public List<Guid> TakeUnsaved(int limit)
    {
        var taken = _unsaved.Take(limit).ToList();
        foreach (var userId in taken) _unsaved.Remove(userId);
        return taken;
    }

    /// <summary>The member's row is being written (for any reason): it carries their time.</summary>
    public void Saving(Guid userId) => _unsaved.Remove(userId);

    /// <summary>The write of these members' rows failed.</summary>
    public void SaveFailed(IEnumerable<Guid> userIds) => _unsaved.UnionWith(userIds);

    /// <summary>
    /// A room that kept no times yet starts now: its members without one count as last active now, so that an upgrade
    /// does not remove everyone who joined more than the expiry ago. True when the room's state changed (to be written).
    /// </summary>
    public bool Start(RoomState room)
    {
        if (room.ActivitySince is not null) return false;
        room.ActivitySince = time.GetUtcNow();
        return true;
    }

    /// <summary>The member came online, went offline, opened the room or posted in it.</summary>
    public void Touch(Guid userId, RoomMember member)
    {
        member.LastActive = time.GetUtcNow();
        _unsaved.Add(userId);
    }

    /// <summary>
    /// The time member lists show (<see cref="MemberInfo.LastActive"/>): to the hour, enough to order by, and no finer
    /// record of when someone was around than the list needs.
    /// </summary>
    public static DateTimeOffset? Shown(RoomMember member) =>
        member.LastActive is { } at ? new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero) : null;

    /// <summary>When the member was last seen active, for the rule: without a time of their own, since the room keeps times.</summary>
    public static DateTimeOffset LastActive(RoomState room, RoomMember member) =>
        member.LastActive ?? room.ActivitySince ?? member.JoinedAt;

    /// <summary>Only public rooms lose inactive members: private rooms, groups and direct conversations never do.</summary>
    public static bool Applies(RoomState room) => room.Name is not null && room.IsPublic && room.Kind == RoomKinds.Room;

    /// <summary>
    /// The members due to leave now, the longest inactive first, at most <see cref="RoomOptions.MaxInactiveRemovals"/>:
    /// plain members (not the owner, not moderators) of a public room, not online, inactive for the expiry or longer.
    /// </summary>
    public List<Guid> Due(RoomState room, IReadOnlyDictionary<Guid, RoomMember> members, Func<Guid, bool> isOnline)
    {
        if (options.InactiveMemberExpiry <= TimeSpan.Zero || !Applies(room)) return [];
        var cutoff = time.GetUtcNow() - options.InactiveMemberExpiry;
        return members
            .Where(m => IsDue(room, m.Key, m.Value, cutoff, isOnline))
            .OrderBy(m => LastActive(room, m.Value))
            .Take(options.MaxInactiveRemovals)
            .Select(m => m.Key)
            .ToList();
    }

    /// <summary>Whether <paramref name="userId"/> is due to leave now (checked again just before each removal).</summary>
    public bool IsDue(RoomState room, IReadOnlyDictionary<Guid, RoomMember> members, Guid userId, Func<Guid, bool> isOnline) =>
        options.InactiveMemberExpiry > TimeSpan.Zero && Applies(room) && members.TryGetValue(userId, out var member)
        && IsDue(room, userId, member, time.GetUtcNow() - options.InactiveMemberExpiry, isOnline);

    private static bool IsDue(RoomState room, Guid userId, RoomMember member, DateTimeOffset cutoff, Func<Guid, bool> isOnline) =>
        member.Role == RoomRoles.Member && userId != room.Owner && LastActive(room, member) <= cutoff && !isOnline(userId);
}
