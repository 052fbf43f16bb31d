using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Directory;

/// <summary>The list of public rooms; the lobby is always on it.</summary>
public sealed class RoomDirectoryGrain(
    [PersistentState("directory", ChatStorage.ProviderName)] IPersistentState<RoomDirectoryState> state) : Grain, IRoomDirectoryGrain
{
    private static readonly RoomSummary Lobby = new(ChatLimits.LobbyId, "Lobby", "Everyone starts here.", 0, RoomKinds.Room, IsPrivate: false);

    public async Task Register(RoomSummary room)
    {
        state.State.Rooms[room.Id] = room;
        await state.WriteStateAsync();
    }

    public async Task Unregister(string roomId)
    {
        if (state.State.Rooms.Remove(roomId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RoomSummary>> List()
    {
        var rooms = state.State.Rooms.Values.ToList();
        if (!state.State.Rooms.ContainsKey(ChatLimits.LobbyId)) rooms.Add(Lobby);
        IReadOnlyList<RoomSummary> sorted = rooms
            .OrderBy(r => r.Id == ChatLimits.LobbyId ? 0 : 1)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return Task.FromResult(sorted);
    }
}
