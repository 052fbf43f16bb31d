namespace OrleansChat;

/// <summary>
/// One entry of a user's own room list: the room, its newest sequence number, the user's read marker (unread =
/// events after it), the user's role, and for a direct conversation the other person.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomListing")]
public sealed record RoomListing(
    [property: Id(0)] RoomSummary Room,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] long ReadSeq,
    [property: Id(3)] string Role,
    [property: Id(4)] MemberInfo? Peer);
