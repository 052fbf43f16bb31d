namespace OrleansChat;

/// <summary>
/// What a member sees on opening a room: the room, the first page of its member list (<see cref="MembersNext"/> asks for
/// the next, null when this is all of it; <see cref="RoomSummary.MemberCount"/> and <see cref="OnlineCount"/> count
/// them all), the newest events and the caller's role.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.JoinResult")]
public sealed record JoinResult(
    [property: Id(0)] RoomSummary Room,
    [property: Id(1)] IReadOnlyList<MemberInfo> Members,
    [property: Id(2)] IReadOnlyList<RoomEvent> Recent,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] string Role,
    [property: Id(5)] string? MembersNext = null,
    [property: Id(6)] int OnlineCount = 0);
