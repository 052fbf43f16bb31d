using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Rooms;

/// <summary>
/// A room's event log in a list, for unit tests of <see cref="RoomPosting"/>: it answers like a store (a taken sequence
/// number or client id is a conflict, nothing of a conflicting batch is kept), records every append, and can hold the
/// next append until the test lets it commit or fail.
/// </summary>
internal sealed class MemoryPostingLog(RoomTail tail, int tailCapacity) : IPostingLog
{
    private TaskCompletionSource? _held;

    public List<RoomEvent> Stored { get; } = [];

    /// <summary>Every append, as the posting made it: its batches.</summary>
    public List<IReadOnlyList<RoomEvent>> Appends { get; } = [];

    /// <summary>The member rows of every append, as the posting made them (one entry per append).</summary>
    public List<MemberWrites> MemberAppends { get; } = [];

    /// <summary>The member rows stored, by user.</summary>
    public Dictionary<Guid, MemberRow> Members { get; } = [];

    /// <summary>The next append throws this (a store that failed).</summary>
    public Exception? FailNext { get; set; }

    /// <summary>Every append conflicts (another writer keeps winning).</summary>
    public bool AlwaysConflict { get; set; }

    /// <summary>
    /// Holds the next append until the returned gate completes: set a result to go on, an exception to fail the append.
    /// Continuations run inline (no asynchronous option), so when the test completes the gate, the posting has
    /// committed and started its next append, if any, before the call returns.
    /// </summary>
    public TaskCompletionSource HoldNext() => _held = new TaskCompletionSource();

    /// <summary>Another activation of the room appends, unknown to the posting's tail.</summary>
    public void AppendAsAnotherWriter(params RoomEvent[] events) => Stored.AddRange(events);

    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<RoomEvent> events, MemberWrites members)
    {
        Appends.Add(events);
        MemberAppends.Add(members);
        if (_held is { } gate)
        {
            _held = null;
            await gate.Task;
        }
        if (FailNext is { } error)
        {
            FailNext = null;
            throw error;
        }
        var taken = events.Count > 0 && (AlwaysConflict || events.Any(e => Stored.Any(s => s.Seq == e.Seq || (s.AuthorId == e.AuthorId && s.ClientMsgId == e.ClientMsgId))));
        if (taken) return AppendOutcome.Conflict;
        Stored.AddRange(events);
        foreach (var row in members.Upserts) Members[row.UserId] = row;
        foreach (var userId in members.Removals) Members.Remove(userId);
        return AppendOutcome.Stored;
    }

    public Task<RoomEvent?> FindByClientIdAsync(Guid authorId, string clientMsgId) =>
        Task.FromResult(Stored.FirstOrDefault(e => e.AuthorId == authorId && e.ClientMsgId == clientMsgId));

    public Task ReloadAsync()
    {
        var ordered = Stored.OrderBy(e => e.Seq).ToList();
        tail.Reset(ordered.TakeLast(tailCapacity).ToList(), ordered.Count > 0 ? ordered[^1].Seq : 0);
        return Task.CompletedTask;
    }

    public Task<RoomEvent?> ReloadTargetAsync(long seq) => Task.FromResult(Stored.FirstOrDefault(e => e.Seq == seq));
}
