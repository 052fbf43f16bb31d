using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The room's event log as <see cref="RoomPosting"/> sees it: the only I/O posting does goes through here, so the
/// grain implements it over <see cref="IRoomEventStore"/> and unit tests over a list in memory.
/// </summary>
internal interface IPostingLog
{
    /// <summary>
    /// Appends consecutive events (possibly none) and writes member rows, atomically: both or, on a conflict, neither
    /// (<see cref="IRoomEventStore.AppendAsync(string, IReadOnlyList{RoomEvent}, MemberWrites, CancellationToken)"/>).
    /// </summary>
    Task<AppendOutcome> AppendAsync(IReadOnlyList<RoomEvent> events, MemberWrites members);

    /// <summary>The stored event of this author and client id, for a retry older than the tail.</summary>
    Task<RoomEvent?> FindByClientIdAsync(Guid authorId, string clientMsgId);

    /// <summary>After a conflict: reads the newest stored events into the room's tail again (another writer appended).</summary>
    Task ReloadAsync();

    /// <summary>After a conflict: the target of a change as stored now (another writer may have changed it), if any.</summary>
    Task<RoomEvent?> ReloadTargetAsync(long seq);
}
