using System.Diagnostics;

namespace OrleansChat.Grains.Storage;

/// <summary>One room's batch waiting in a <see cref="GroupCommitter"/>: its events and the member rows it writes.</summary>
public sealed class PendingAppend(string roomId, IReadOnlyList<RoomEvent> events, MemberWrites? members = null)
{
    /// <summary>
    /// The span of this batch's wait for its commit (<c>chat.store.append</c>, in the trace of the send that made it),
    /// when tracing is on: the commit that serves many batches links to each of them.
    /// </summary>
    internal Activity? Span { get; init; }

    private readonly TaskCompletionSource<AppendOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RoomId { get; } = roomId;

    public IReadOnlyList<RoomEvent> Events { get; } = events;

    /// <summary>Member rows written in the same transaction as the events: none of them when the batch is rejected.</summary>
    public MemberWrites Members { get; } = members ?? MemberWrites.None;

    public Task<AppendOutcome> Completion => _completion.Task;

    /// <summary>Set by the writer while it writes: the batch violated a unique key and was rolled back alone.</summary>
    public bool Conflicted { get; set; }

    internal void Complete() => _completion.TrySetResult(Conflicted ? AppendOutcome.Conflict : AppendOutcome.Stored);

    internal void Fail(Exception error) => _completion.TrySetException(error);
}
