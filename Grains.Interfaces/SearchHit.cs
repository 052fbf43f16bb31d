namespace OrleansChat;

/// <summary>
/// One message found by <see cref="IUserGrain.Search"/>: where it is (room and seq, for opening the room at it), who
/// wrote it when, and a snippet of its current text with the matching words as <see cref="Marks"/> (character ranges
/// of <see cref="Snippet"/>), so the page highlights them without parsing any markup.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.SearchHit")]
public sealed record SearchHit(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string RoomName,
    [property: Id(2)] long Seq,
    [property: Id(3)] Guid AuthorId,
    [property: Id(4)] string AuthorName,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string Snippet,
    [property: Id(7)] IReadOnlyList<TextMark> Marks);
