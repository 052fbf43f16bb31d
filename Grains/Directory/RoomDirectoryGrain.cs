using Microsoft.Extensions.Options;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Directory;

/// <summary>
/// The list of public rooms; the lobby is always on it. It is read a page at a time (thousands of public rooms made
/// every visitor's list hundreds of kilobytes), in the order of the room ids: unique and unchanged by renames, so a
/// page boundary never skips or repeats a room.
/// </summary>
public sealed class RoomDirectoryGrain(
    [PersistentState("directory", ChatStorage.ProviderName)] IPersistentState<RoomDirectoryState> state,
    IOptions<DirectoryOptions> options) : Grain, IRoomDirectoryGrain
{
    private static readonly RoomSummary Lobby = new(ChatLimits.LobbyId, "Lobby", "Everyone starts here.", 0, RoomKinds.Room, IsPrivate: false);

    // The rooms other than the lobby, by id; rebuilt after a change, read by every page.
    private List<RoomSummary>? _sorted;

    public async Task Register(RoomSummary room)
    {
        state.State.Rooms[room.Id] = room;
        _sorted = null;
        await state.WriteStateAsync();
    }

    public async Task Unregister(string roomId)
    {
        if (!state.State.Rooms.Remove(roomId)) return;
        _sorted = null;
        await state.WriteStateAsync();
    }

    public Task<RoomDirectoryPage> Search(string? query, string? after, int limit)
    {
        var max = Math.Max(1, options.Value.MaxPageSize);
        limit = limit <= 0 ? Math.Min(options.Value.DefaultPageSize, max) : Math.Min(limit, max);
        query = string.IsNullOrWhiteSpace(query) ? null : query.Trim();

        var page = new List<RoomSummary>(limit);
        if (after is null)
        {
            var lobby = state.State.Rooms.GetValueOrDefault(ChatLimits.LobbyId) ?? Lobby;
            if (Matches(lobby, query)) page.Add(lobby);
        }
        var rooms = _sorted ??= state.State.Rooms.Values
            .Where(r => r.Id != ChatLimits.LobbyId)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        string? next = null;
        for (var i = after is null ? 0 : FirstAfter(rooms, after); i < rooms.Count; i++)
        {
            if (!Matches(rooms[i], query)) continue;
            if (page.Count == limit)
            {
                // A page of only the lobby continues from the start of the other rooms.
                next = page[^1].Id == ChatLimits.LobbyId ? "" : page[^1].Id;
                break;
            }
            page.Add(rooms[i]);
        }
        return Task.FromResult(new RoomDirectoryPage(page, next));
    }

    private static bool Matches(RoomSummary room, string? query) =>
        query is null
        || room.Name.Contains(query, StringComparison.OrdinalIgnoreCase)
        || room.Topic.Contains(query, StringComparison.OrdinalIgnoreCase);

    /// <summary>The index of the first room whose id sorts after <paramref name="after"/> (binary search).</summary>
    private static int FirstAfter(List<RoomSummary> rooms, string after)
    {
        int low = 0, high = rooms.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(rooms[mid].Id, after) <= 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
