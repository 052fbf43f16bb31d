namespace OrleansChat;

/// <summary>
/// The list of public rooms. Key: <see cref="Key"/>. Called on room creation and room listing only, never on the
/// message path.
/// </summary>
[Alias("OrleansChat.IRoomDirectoryGrain")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "public";

    [Alias("Register")]
    Task Register(RoomSummary room);

    [Alias("Unregister")]
    Task Unregister(string roomId);

    /// <summary>
    /// One page of the public rooms whose name or topic contains <paramref name="query"/> (ignoring case; null or blank:
    /// all): the lobby first on the first page (<paramref name="after"/> null), then the others by id. A later page
    /// starts after the <see cref="RoomDirectoryPage.Next"/> of the one before. <paramref name="limit"/> ≤ 0 means the
    /// default page size; a larger one than the configured maximum is cut to it.
    /// </summary>
    [Alias("Search")]
    Task<RoomDirectoryPage> Search(string? query, string? after, int limit);
}
