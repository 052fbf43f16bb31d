namespace OrleansChat;

/// <summary>
/// One entry of a room's event log. <see cref="Seq"/> is assigned by the room grain: 1, 2, 3, ... with no gap.
/// Today every event is a <see cref="RoomEventKinds.Message"/>; edits and deletes will reference <see cref="TargetSeq"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomEvent")]
public sealed record RoomEvent(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Kind,
    [property: Id(2)] Guid AuthorId,
    [property: Id(3)] string AuthorName,
    [property: Id(4)] string ClientMsgId,
    [property: Id(5)] string Text,
    [property: Id(6)] long? TargetSeq,
    [property: Id(7)] DateTimeOffset At);
