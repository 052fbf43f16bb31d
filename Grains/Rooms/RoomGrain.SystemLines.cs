using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Rooms;

// System lines: joins, additions, leaves, kicks, bans, renames and topic changes as events of the room's sequence
// (kinds member and room), so that catch-up and history carry them like messages. Each is queued in the grain turn
// that changes the state (before its first await), so it takes its place in the sequence where the change happened,
// and is committed by the same flush and group commit as messages. Not rate limited and not de-duplicated: the
// operation that queues one is checked and happens once. The operation waits for its line but does not fail with it:
// the change is made (and written) either way, and a line that could not be stored is logged.
public sealed partial class RoomGrain
{
    private Task<PostResult> QueueMemberLine(string change, Guid actor, Guid userId, string name) =>
        QueueLine(actor, RoomEventKinds.Member, new MemberLine(change, userId, name).ToText());

    private Task<PostResult> QueueRoomLine(Guid actor, RoomLine line) => QueueLine(actor, RoomEventKinds.Room, line.ToText());

    private Task<PostResult> QueueLine(Guid actor, string kind, string text) =>
        _posting.Enqueue(new PendingPost(actor, ActorName(actor), $"line-{Guid.NewGuid():N}", text) { Kind = kind });

    /// <summary>The name a line shows for who did it: a site administrator who is not a member is not named.</summary>
    private string ActorName(Guid actor) => Room.Members.TryGetValue(actor, out var member) ? member.Name : "Site administrator";

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
