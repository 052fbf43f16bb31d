namespace OrleansChat;

/// <summary>A contiguous page of a room's events; <see cref="LastSeq"/> is the room's newest sequence number.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.EventPage")]
public sealed record EventPage(
    [property: Id(0)] IReadOnlyList<RoomEvent> Events,
    [property: Id(1)] long LastSeq);
