namespace OrleansChat.Grains.Storage;

/// <summary>
/// A message <see cref="IRoomEventStore.SearchAsync"/> found, newest first, with a snippet of its text in which the
/// matches are marked (<see cref="Search.SearchText.FromMarked"/>) and the store's <see cref="Cursor"/> of the page that
/// continues after it.
/// </summary>
public sealed record FoundMessage(
    string RoomId,
    long Seq,
    Guid AuthorId,
    string AuthorName,
    DateTimeOffset At,
    string MarkedSnippet,
    string Cursor);
