namespace OrleansChat.Grains.Directory;

/// <summary>The public rooms, by id.</summary>
[GenerateSerializer, Alias("OrleansChat.Grains.RoomDirectoryState")]
public sealed class RoomDirectoryState
{
    [Id(0)] public Dictionary<string, RoomSummary> Rooms { get; set; } = [];
}
