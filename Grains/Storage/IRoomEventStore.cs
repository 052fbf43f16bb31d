namespace OrleansChat.Grains.Storage;

/// <summary>
/// The log of room events, keyed by (room, seq), with (room, author, clientMsgId) unique. Events are appended; the one
/// thing ever rewritten is a message's row, by the change events that target it (<see cref="RoomEventKinds.IsChange"/>),
/// in the same transaction as they are appended: an edit sets its text and <see cref="RoomEvent.EditedAt"/>, a delete
/// empties its text and the texts of its edit events and marks it deleted, a reaction sets its reactions, a pin its
/// pinned flag. So reads return each message as it is now. Grains never know which database is underneath.
/// </summary>
public interface IRoomEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> (consecutive sequence numbers) to one room, atomically: all are durably stored
    /// when the task completes with <see cref="AppendOutcome.Stored"/>; none are when it returns
    /// <see cref="AppendOutcome.Conflict"/> (a sequence number or a client message id already exists).
    /// Calls from many rooms are committed together (group commit).
    /// </summary>
    Task<AppendOutcome> AppendAsync(string roomId, IReadOnlyList<RoomEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="AppendAsync(string, IReadOnlyList{RoomEvent}, CancellationToken)"/>, and writes
    /// <paramref name="members"/>' rows of the room in the same transaction (the same group commit): the events and the
    /// rows are stored together, or on a conflict neither. <paramref name="events"/> may be empty (rows only; such a
    /// batch never conflicts).
    /// </summary>
    Task<AppendOutcome> AppendAsync(string roomId, IReadOnlyList<RoomEvent> events, MemberWrites members, CancellationToken cancellationToken = default);

    /// <summary>The room's member rows (table <c>room_members</c>), in no particular order: what a room loads when it activates.</summary>
    Task<IReadOnlyList<MemberRow>> ReadMembersAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>Events with seq &gt; <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RoomEvent>> ReadAfterAsync(string roomId, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> events with seq &lt; <paramref name="beforeSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<RoomEvent>> ReadBeforeAsync(string roomId, long beforeSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The room's pinned messages, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RoomEvent>> ReadPinnedAsync(string roomId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The messages of <paramref name="authorId"/> that are not deleted and were sent at or after
    /// <paramref name="since"/>, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<RoomEvent>> ReadMessagesOfAsync(string roomId, Guid authorId, DateTimeOffset since, int limit, CancellationToken cancellationToken = default);

    /// <summary>The stored event that <paramref name="authorId"/> sent with <paramref name="clientMsgId"/>, if any.</summary>
    Task<RoomEvent?> FindByClientIdAsync(string roomId, Guid authorId, string clientMsgId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sequence floor a restore recorded (0 if the store was never restored): every room's next sequence number is
    /// above it, so that no number issued before the restore is issued again (docs/operations.md, "Back up and restore").
    /// Changes only while no process runs.
    /// </summary>
    Task<long> ReadSequenceFloorAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The messages that match <paramref name="search"/> as they are now (an edited message by its new text, a deleted
    /// one not at all), newest first, at most <see cref="MessageSearch.Limit"/>. Kept current by the group commit that
    /// writes the events (SQLite FTS5, PostgreSQL full-text search; docs/architecture.md, "Message search").
    /// Throws <see cref="TimeoutException"/> when the search runs longer than <see cref="MessageSearch.Timeout"/>, and
    /// <see cref="ArgumentException"/> for a cursor it did not issue.
    /// </summary>
    Task<IReadOnlyList<FoundMessage>> SearchAsync(MessageSearch search, CancellationToken cancellationToken = default);
}
