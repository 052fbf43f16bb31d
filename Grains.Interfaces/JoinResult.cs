namespace OrleansChat;

/// <summary>What a member sees on opening a room: the room, its members, the newest events and the caller's role.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.JoinResult")]
public sealed record JoinResult(
    [property: Id(0)] RoomSummary Room,
    [property: Id(1)] IReadOnlyList<MemberInfo> Members,
    [property: Id(2)] IReadOnlyList<RoomEvent> Recent,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] string Role);
