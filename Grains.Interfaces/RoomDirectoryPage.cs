namespace OrleansChat;

/// <summary>
/// One page of the public room list (<see cref="IRoomDirectoryGrain.Search"/>): the rooms in list order and, when more
/// follow, the value to pass as <c>after</c> for the next page (null on the last page).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomDirectoryPage")]
public sealed record RoomDirectoryPage(
    [property: Id(0)] IReadOnlyList<RoomSummary> Rooms,
    [property: Id(1)] string? Next);
