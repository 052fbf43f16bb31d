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

    [Alias("List")]
    Task<IReadOnlyList<RoomSummary>> List();
}
