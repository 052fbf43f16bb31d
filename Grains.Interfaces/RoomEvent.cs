namespace OrleansChat;

/// <summary>
/// One entry of a room's event log. <see cref="Seq"/> is assigned by the room grain: 1, 2, 3, ... with no gap.
/// A <see cref="RoomEventKinds.Message"/> read from history or catch-up is the message <em>as it is now</em>: its
/// current text (empty once deleted), <see cref="EditedAt"/>, <see cref="Deleted"/>, <see cref="Reactions"/> and
/// <see cref="Pinned"/>; its <see cref="TargetSeq"/> is the message it replies to, if any. A change event (edit,
/// delete, reaction, pin) names the message it changes in <see cref="TargetSeq"/> and carries the resulting state of
/// what it changes (docs/protocol.md §3). A message may carry a file (<see cref="Attachment"/>); a delete removes it
/// with the text.
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
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] DateTimeOffset? EditedAt = null,
    [property: Id(9)] bool Deleted = false,
    [property: Id(10)] IReadOnlyList<Reaction>? Reactions = null,
    [property: Id(11)] bool Pinned = false,
    [property: Id(12)] FileAttachment? Attachment = null);
