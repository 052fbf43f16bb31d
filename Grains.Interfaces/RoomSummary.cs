namespace OrleansChat;

/// <summary>What a room list shows of a room.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomSummary")]
public sealed record RoomSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Topic,
    [property: Id(3)] int MemberCount,
    [property: Id(4)] string Kind,
    [property: Id(5)] bool IsPrivate);
