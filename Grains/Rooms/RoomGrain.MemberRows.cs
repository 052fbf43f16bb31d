using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

// Member rows (issue 16): a room's members are rows of the event store (room_members), not part of its grain state.
// The room reads them once per activation into the dictionary every rule uses; a change writes the changed members'
// rows through the posting's batch, so a join's system line and the joiner's row commit in one transaction and a join
// costs one row, whatever the room's size. Activity times ride with the member's next row write or with the sweep
// (RoomGrain.Activity). docs/architecture.md, "Member rows".
public sealed partial class RoomGrain
{
    /// <summary>Legacy members are moved into rows this many per batch, so that no commit is unbounded.</summary>
    internal const int MemberRowsPerWrite = 5000;

    private readonly Dictionary<Guid, RoomMember> _members = [];

    /// <summary>Who belongs to the room: its rows, loaded at activation and kept current by every change.</summary>
    private Dictionary<Guid, RoomMember> Members => _members;

    /// <summary>
    /// Reads the room's rows; moves the members of old state (<see cref="RoomState.LegacyMembers"/>) into rows (upserts,
    /// so a migration interrupted before its state write is simply done again); drops the rows of a room that was never
    /// created (a creation whose state write failed after its rows). True when the state changed and must be written.
    /// </summary>
    private async Task<bool> LoadMembersAsync(CancellationToken cancellationToken)
    {
        _members.Clear();
        foreach (var row in await _store.ReadMembersAsync(RoomId, cancellationToken)) _members[row.UserId] = RoomMember.FromRow(row);

        if (Room.LegacyMembers is { } legacy)
        {
            foreach (var (userId, member) in legacy) _members[userId] = member;
            foreach (var chunk in legacy.Keys.Chunk(MemberRowsPerWrite)) await _posting.WriteMembers(chunk);
            _logger.LogInformation("Room {Room} moved {Count} members from its state into member rows", RoomId, legacy.Count);
            Room.LegacyMembers = null;
            return true;
        }

        if (!Exists && RoomId != ChatLimits.LobbyId && _members.Count > 0)
        {
            var orphans = _members.Keys.ToList();
            _members.Clear();
            await _posting.WriteMembers(orphans);
        }
        return false;
    }

    /// <summary>The rows of these members as the room holds them now, for the batch being made; a removal for a non-member.</summary>
    private MemberWrites MemberRowsOf(IReadOnlyCollection<Guid> userIds)
    {
        var upserts = new List<MemberRow>(userIds.Count);
        var removals = new List<Guid>();
        foreach (var userId in userIds)
        {
            // The row carries the member's activity time: it needs no save of its own any more.
            Activity.Saving(userId);
            if (_members.TryGetValue(userId, out var member)) upserts.Add(member.ToRow(userId));
            else removals.Add(userId);
        }
        return new MemberWrites(upserts, removals);
    }

    /// <summary>Writes the rows of <paramref name="userIds"/> with the room's next batch and waits for its commit.</summary>
    private async Task SaveMembersAsync(IEnumerable<Guid> userIds)
    {
        try
        {
            await _posting.WriteMembers(userIds);
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            _logger.LogWarning(ex, "Member rows of {Room} could not be stored", RoomId);
            throw Unsaved();
        }
    }

    /// <summary>
    /// Waits for a system line that carries member rows: its commit stores both. When it fails the change stays in
    /// memory and its rows go again with the room's next batch, but the caller hears that it was not stored.
    /// </summary>
    private async Task SaveWithLineAsync(Task<PostResult> line)
    {
        try
        {
            await line;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A member change of {Room} and its system line could not be stored", RoomId);
            throw Unsaved();
        }
    }

    private static ChatException Unsaved() => new("The change could not be stored. Please try again.");
}
