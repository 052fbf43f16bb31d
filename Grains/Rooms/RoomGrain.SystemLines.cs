using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Rooms;

// System lines: joins, additions, leaves, kicks, bans, renames and topic changes as events of the room's sequence
// (kinds member and room), so that catch-up and history carry them like messages. Each is queued in the grain turn
// that changes the state (before its first await), so it takes its place in the sequence where the change happened,
// and is committed by the same flush and group commit as messages. Not rate limited and not de-duplicated: the
// operation that queues one is checked and happens once. A member line carries the rows of the members its change
// touched (queued after the change is made in memory): line and rows commit together, and the operation fails when
// they do (SaveWithLineAsync). A room line does not fail its operation: the state is written either way, and a line
// that could not be stored is logged. A line's client id ("line-" and a UUIDv7) is time-ordered like the clients' ids, so
// that in the unique index of client ids (led by the id) new lines of every room land on the last page of the lines' part.
public sealed partial class RoomGrain
{
    /// <param name="rows">The members whose rows the change touched, written with the line.</param>
    /// <param name="actorName">Who acted, when they are no member any more (one who left).</param>
    private Task<PostResult> QueueMemberLine(string change, Guid actor, Guid userId, string name, IEnumerable<Guid> rows, string? actorName = null) =>
        _posting.Enqueue(
            new PendingPost(actor, actorName ?? ActorName(actor), $"line-{Guid.CreateVersion7():N}", new MemberLine(change, userId, name).ToText()) { Kind = RoomEventKinds.Member },
            rows);

    private Task<PostResult> QueueRoomLine(Guid actor, RoomLine line) => QueueLine(actor, RoomEventKinds.Room, line.ToText());

    private Task<PostResult> QueueLine(Guid actor, string kind, string text) =>
        _posting.Enqueue(new PendingPost(actor, ActorName(actor), $"line-{Guid.CreateVersion7():N}", text) { Kind = kind });

    /// <summary>The name a line shows for who did it: a site administrator who is not a member is not named.</summary>
    private string ActorName(Guid actor) => Members.TryGetValue(actor, out var member) ? member.Name : "Site administrator";

    private async Task SettleAsync(Task<PostResult> line)
    {
        try
        {
            await line;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A system line of {Room} could not be stored", RoomId);
        }
    }
}
