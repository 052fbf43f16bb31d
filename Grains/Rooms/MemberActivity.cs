namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The ghosts rule of issue 14: when each member was last active in a room, and which members of a public room have
/// been away so long that they leave it (docs/architecture.md, "Inactive members"). Owned by <see cref="RoomGrain"/>:
/// the times live in the room's state and are saved with its next write or by the periodic sweep, never by a write of
/// their own per change.
/// </summary>
public sealed class MemberActivity(RoomOptions options, TimeProvider time)
{
    /// <summary>Times changed since the room's state was last written.</summary>
    public bool Unsaved { get; private set; }

    /// <summary>The room's state is being written: the times in it are saved unless a touch comes after this.</summary>
    public void Saving() => Unsaved = false;

    /// <summary>The write begun by <see cref="Saving"/> failed.</summary>
    public void SaveFailed() => Unsaved = true;

    /// <summary>
    /// A room that kept no times yet starts now: its members without one count as last active now, so that an upgrade
    /// does not remove everyone who joined more than the expiry ago.
    /// </summary>
    public void Start(RoomState room)
    {
        if (room.ActivitySince is not null) return;
        room.ActivitySince = time.GetUtcNow();
        Unsaved = true;
    }

    /// <summary>The member came online, went offline, opened the room or posted in it.</summary>
    public void Touch(RoomMember member)
    {
        member.LastActive = time.GetUtcNow();
        Unsaved = true;
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
    public List<Guid> Due(RoomState room, Func<Guid, bool> isOnline)
    {
        if (options.InactiveMemberExpiry <= TimeSpan.Zero || !Applies(room)) return [];
        var cutoff = time.GetUtcNow() - options.InactiveMemberExpiry;
        return room.Members
            .Where(m => IsDue(room, m.Key, m.Value, cutoff, isOnline))
            .OrderBy(m => LastActive(room, m.Value))
            .Take(options.MaxInactiveRemovals)
            .Select(m => m.Key)
            .ToList();
    }

    /// <summary>Whether <paramref name="userId"/> is due to leave now (checked again just before each removal).</summary>
    public bool IsDue(RoomState room, Guid userId, Func<Guid, bool> isOnline) =>
        options.InactiveMemberExpiry > TimeSpan.Zero && Applies(room) && room.Members.TryGetValue(userId, out var member)
        && IsDue(room, userId, member, time.GetUtcNow() - options.InactiveMemberExpiry, isOnline);

    private static bool IsDue(RoomState room, Guid userId, RoomMember member, DateTimeOffset cutoff, Func<Guid, bool> isOnline) =>
        member.Role == RoomRoles.Member && userId != room.Owner && LastActive(room, member) <= cutoff && !isOnline(userId);
}
