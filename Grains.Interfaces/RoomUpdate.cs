namespace OrleansChat;

/// <summary>A change of a room's metadata by its owner; null fields stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomUpdate")]
public sealed record RoomUpdate(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Topic,
    [property: Id(2)] bool? IsPublic);
