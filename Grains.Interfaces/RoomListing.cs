namespace OrleansChat;

/// <summary>
/// One entry of a user's own room list: the room, its newest sequence number, the user's read marker, how many
/// messages of others came after it (<see cref="Unread"/>), the user's role, for a direct conversation the other person, and the user's notification level
/// for it (one of <see cref="NotifyLevels"/>; set by the user grain, null from the room).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomListing")]
public sealed record RoomListing(
    [property: Id(0)] RoomSummary Room,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] long ReadSeq,
    [property: Id(3)] string Role,
    [property: Id(4)] MemberInfo? Peer,
    [property: Id(5)] string? Notify = null)
{
    /// <summary>
    /// The sequence floor of the last restore (0 if none): the numbers above <see cref="RestoredSeq"/> up to it are
    /// never used, so the user grain does not count them as unread.
    /// </summary>
    [Id(6)] public long SeqFloor { get; init; }

    /// <summary>The room's newest event below <see cref="SeqFloor"/> (0 if none).</summary>
    [Id(7)] public long RestoredSeq { get; init; }

    /// <summary>
    /// The messages of others after the read marker: system lines (joins, renames …) and changes of messages (edits,
    /// reactions …) are events of the sequence but not unread. Exact for the room's newest 500 events; beyond them every
    /// event counts (the page shows "99+" by then). Set by <see cref="IRoomGrain.GetListingFor"/>.
    /// </summary>
    [Id(8)] public long Unread { get; init; }
}
