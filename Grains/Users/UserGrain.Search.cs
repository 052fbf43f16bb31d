using OrleansChat.Grains.Search;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Message search (docs/architecture.md, "Message search"). Who may read what is decided here, not in the gateway: the
/// rooms searched are the user's rooms now, and every room that has results confirms the membership (its listing for
/// this user) before they are shown, so a room whose removal notice was lost is not searched twice.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<SearchResults> Search(string query, string? roomId, string? cursor)
    {
        _ = Name;
        var options = searchOptions.Value;
        var parsed = SearchQueryParser.Parse(query, options);
        IReadOnlyList<string> rooms = [.. state.State.Rooms];
        if (roomId is not null)
        {
            if (!rooms.Contains(roomId)) throw new ChatException("You are not a member of this room.");
            rooms = [roomId];
        }
        if (parsed.InRoom is { } inRoom) rooms = [await FindRoomAsync(inRoom, rooms)];
        Guid? author = parsed.From is { } from ? await FindAuthorAsync(from) : null;
        if (rooms.Count == 0) return new SearchResults([], null);

        IReadOnlyList<FoundMessage> found;
        try
        {
            found = await events.SearchAsync(new MessageSearch(
                rooms, parsed.Terms, parsed.Excluded, author, parsed.After, parsed.Before, cursor, options.PageSize, options.Timeout));
        }
        catch (TimeoutException)
        {
            throw new ChatException("That search took too long. Add a word, a room (in:#room) or a person (from:name) to narrow it.");
        }
        catch (ArgumentException)
        {
            throw new ChatException("That page of results is no longer valid. Please search again.");
        }

        var names = await RoomNamesAsync(found.Select(f => f.RoomId).Distinct());
        var hits = new List<SearchHit>();
        foreach (var message in found)
        {
            if (!names.TryGetValue(message.RoomId, out var roomName)) continue;
            var (snippet, marks) = SearchText.FromMarked(message.MarkedSnippet);
            hits.Add(new SearchHit(message.RoomId, roomName, message.Seq, message.AuthorId, message.AuthorName, message.At, snippet, marks));
        }
        return new SearchResults(hits, found.Count == options.PageSize ? found[^1].Cursor : null);
    }

    /// <summary>
    /// The names of <paramref name="roomIds"/> as this user sees them (a direct conversation by the other person), asked
    /// of each room: a room that no longer counts the user as a member is left out and forgotten.
    /// </summary>
    private async Task<Dictionary<string, string>> RoomNamesAsync(IEnumerable<string> roomIds)
    {
        var listings = await Task.WhenAll(roomIds.Select(async id =>
        {
            try
            {
                return (Id: id, Listing: await GrainFactory.GetGrain<IRoomGrain>(id).GetListing(UserId));
            }
            catch (ChatException)
            {
                return (Id: id, Listing: (RoomListing?)null);
            }
        }));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, listing) in listings)
        {
            if (listing is null) await ForgetRoomAsync(id);
            else names[id] = listing.Peer?.Name ?? listing.Room.Name;
        }
        return names;
    }

    /// <summary>The room of <c>in:</c>, among <paramref name="rooms"/>: by id, by the id its name gives, or by its name.</summary>
    private async Task<string> FindRoomAsync(string nameOrId, IReadOnlyList<string> rooms)
    {
        if (rooms.Contains(nameOrId)) return nameOrId;
        if (RoomIds.ValidateName(nameOrId) is null && rooms.Contains(RoomIds.ToId(nameOrId))) return RoomIds.ToId(nameOrId);
        var names = await RoomNamesAsync(rooms);
        var match = names.Where(n => string.Equals(n.Value, nameOrId, StringComparison.OrdinalIgnoreCase)).Select(n => n.Key).ToList();
        return match.Count == 1 ? match[0] : throw new ChatException($"You are in no room called '{nameOrId}'.");
    }

    /// <summary>The user of <c>from:</c>: <c>me</c>, the user of that exact name, or the one user whose name starts so.</summary>
    private async Task<Guid> FindAuthorAsync(string name)
    {
        if (string.Equals(name, "me", StringComparison.OrdinalIgnoreCase)) return UserId;
        var matches = await IndexGrain(name).Search(name, 10);
        var normalized = UserNames.Normalize(name);
        if (matches.FirstOrDefault(m => UserNames.Normalize(m.Name) == normalized) is { } exact) return exact.UserId;
        return matches.Count switch
        {
            1 => matches[0].UserId,
            0 => throw new ChatException($"No one is called '{name}'."),
            _ => throw new ChatException($"Several people's names start with '{name}': write the whole name, in quotes if it has spaces."),
        };
    }
}
