namespace OrleansChat.Grains.Storage;

/// <summary>
/// What <see cref="IRoomEventStore.SearchAsync"/> looks for: messages of <see cref="RoomIds"/> that contain every one
/// of <see cref="Terms"/> (words or phrases, matched after <see cref="Search.SearchText.ForIndex"/>) and none of
/// <see cref="Excluded"/>, optionally by one author and within [<see cref="After"/>, <see cref="Before"/>), older than
/// the page that gave <see cref="Cursor"/>. The store stops after <see cref="Timeout"/> with a
/// <see cref="TimeoutException"/>.
/// </summary>
public sealed record MessageSearch(
    IReadOnlyList<string> RoomIds,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Excluded,
    Guid? AuthorId,
    DateTimeOffset? After,
    DateTimeOffset? Before,
    string? Cursor,
    int Limit,
    TimeSpan Timeout);
