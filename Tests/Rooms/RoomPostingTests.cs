using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Rooms;

/// <summary>
/// The room's posting as a plain class, on a log in memory: sequencing, de-duplication, batching, conflict retry and
/// failure. Each test runs outside xunit's synchronization context (<see cref="Inline"/>), so the posting continues
/// inline when the test lets an append finish: every step is over when the call that caused it returns.
/// </summary>
public sealed class RoomPostingTests
{
    private const int TailCapacity = 4;
    private const int MaxAttempts = 3;
    private static readonly Guid Amber = Guid.NewGuid();
    private static readonly Guid Basil = Guid.NewGuid();

    private readonly RoomTail _tail = new(TailCapacity);
    private readonly MemoryPostingLog _log;
    private readonly RoomPosting _posting;
    private readonly List<long> _notified = [];

    public RoomPostingTests()
    {
        _log = new MemoryPostingLog(_tail, TailCapacity);
        _posting = new RoomPosting("room", _tail, _log, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1)), MaxAttempts,
            NullLogger.Instance, committed: (_, events) => _notified.AddRange(events.Select(e => e.Seq)));
    }

    private static Task Inline(Func<Task> test) => Task.Run(test);

    private static PendingPost Post(string clientMsgId, Guid? author = null) =>
        new(author ?? Amber, "Amber Heron", clientMsgId, $"text of {clientMsgId}");

    private static RoomEvent Stored(long seq, string clientMsgId, Guid? author = null) =>
        new(seq, RoomEventKinds.Message, author ?? Basil, "Basil Wren", clientMsgId, $"text of {clientMsgId}", null, DateTimeOffset.UnixEpoch);

    [Fact]
    public Task Posts_AreNumberedAfterTheTail_InTheOrderQueued_AndAcknowledgedOnlyAfterTheCommit() => Inline(async () =>
    {
        _tail.Reset([Stored(1, "b1"), Stored(2, "b2")], 2);
        var gate = _log.HoldNext();

        var acks = new[] { "a1", "a2", "a3" }.Select(id => _posting.Enqueue(Post(id))).ToList();

        Assert.All(acks, ack => Assert.False(ack.IsCompleted));
        Assert.Empty(_notified);
        gate.SetResult();
        Assert.Equal([3L, 4L, 5L], (await Task.WhenAll(acks)).Select(a => a.Seq));
        Assert.All(await Task.WhenAll(acks), a => Assert.False(a.Duplicate));
        Assert.Equal(["a1", "a2", "a3"], _log.Stored.Select(e => e.ClientMsgId));
        Assert.Equal([3L, 4L, 5L], _notified);
        Assert.Equal(5, _tail.LastSeq);
    });

    [Fact]
    public Task TheSameClientIdTwice_IsOneEvent_AndBothHearItsSeq() => Inline(async () =>
    {
        var gate = _log.HoldNext();
        var first = _posting.Enqueue(Post("same"));

        var retryInFlight = _posting.Known(Amber, "same");
        gate.SetResult();
        var retryCommitted = _posting.Known(Amber, "same");

        Assert.NotNull(retryInFlight);
        Assert.NotNull(retryCommitted);
        var (a, b, c) = (await first, await retryInFlight, await retryCommitted);
        Assert.Equal([1L, 1L, 1L], [a.Seq, b.Seq, c.Seq]);
        Assert.Equal([false, true, true], [a.Duplicate, b.Duplicate, c.Duplicate]);
        Assert.Equal(a.At, c.At);
        Assert.Single(_log.Stored);
        Assert.Null(_posting.Known(Basil, "same"));
    });

    [Fact]
    public Task PostsArrivingDuringACommit_GoTogetherInTheNextBatch() => Inline(async () =>
    {
        var gate = _log.HoldNext();
        var first = _posting.Enqueue(Post("a1"));

        var meanwhile = new List<Task<PostResult>> { _posting.Enqueue(Post("a2")), _posting.Enqueue(Post("a3")), _posting.Enqueue(Post("b1", Basil)) };

        Assert.Single(_log.Appends);
        gate.SetResult();
        await Task.WhenAll(meanwhile.Prepend(first));
        Assert.Equal([[1L], [2L, 3L, 4L]], _log.Appends.Select(batch => batch.Select(e => e.Seq).ToArray()));
        Assert.Equal(["a2", "a3", "b1"], _log.Appends[1].Select(e => e.ClientMsgId));
    });

    [Fact]
    public Task AConflict_ReloadsTheTail_AndNumbersTheBatchAfterTheOtherWriter() => Inline(async () =>
    {
        _log.AppendAsAnotherWriter(Stored(1, "b1"), Stored(2, "b2"));

        var ack = await _posting.Enqueue(Post("a1"));

        Assert.Equal(3, ack.Seq);
        Assert.False(ack.Duplicate);
        Assert.Equal([1L, 3L], _log.Appends.Select(batch => batch[0].Seq));
        Assert.Equal([1L, 2L, 3L], _log.Stored.Select(e => e.Seq));
        Assert.Equal([3L], _notified);
    });

    [Fact]
    public Task AConflict_AnswersARetryOlderThanTheTail_WithWhatTheStoreHolds() => Inline(async () =>
    {
        // The first attempt was committed before its room's silo died, and is older than the tail now holds.
        _log.AppendAsAnotherWriter([Stored(1, "a1", Amber), .. Enumerable.Range(2, TailCapacity + 1).Select(seq => Stored(seq, $"b{seq}"))]);
        var lastStored = _log.Stored[^1].Seq;

        var retry = _posting.Enqueue(Post("a1"));
        var next = _posting.Enqueue(Post("a2"));

        Assert.Equal((1L, true), ((await retry).Seq, (await retry).Duplicate));
        Assert.Equal(lastStored + 1, (await next).Seq);
        Assert.Single(_log.Stored, e => e.ClientMsgId == "a1");
        Assert.Equal([lastStored + 1], _notified);
    });

    [Fact]
    public Task ConflictsUpToTheLimit_FailTheBatch_WithARetryableError() => Inline(async () =>
    {
        _log.AlwaysConflict = true;

        var failed = await Assert.ThrowsAsync<ChatException>(() => _posting.Enqueue(Post("a1")));

        Assert.Equal("The room is busy. Please send the message again.", failed.Message);
        Assert.Equal(MaxAttempts, _log.Appends.Count);
        Assert.Null(_posting.Known(Amber, "a1"));
        Assert.Empty(_notified);
    });

    [Fact]
    public Task AFailedCommit_FailsExactlyItsPosts_AndTheSequenceGoesOnWithoutAGap() => Inline(async () =>
    {
        var committing = _log.HoldNext();
        var first = _posting.Enqueue(Post("a1"));
        var failing = new[] { "a2", "a3" }.Select(id => _posting.Enqueue(Post(id))).ToList();
        var failingGate = _log.HoldNext();
        committing.SetResult();
        var after = _posting.Enqueue(Post("a4"));

        failingGate.SetException(new InvalidOperationException("disk full"));

        foreach (var post in failing)
        {
            var error = await Assert.ThrowsAsync<ChatException>(() => post);
            Assert.Equal("The message could not be stored. Please send it again.", error.Message);
        }
        Assert.Equal(1, (await first).Seq);
        Assert.Equal(2, (await after).Seq);
        Assert.Null(_posting.Known(Amber, "a2"));
        var retried = await _posting.Enqueue(Post("a2"));
        Assert.Equal((3L, false), (retried.Seq, retried.Duplicate));
        Assert.Equal([1L, 2L, 3L], _log.Stored.Select(e => e.Seq));
        Assert.Equal([1L, 2L, 3L], _notified);
    });

    [Fact]
    public Task AChangeThatNoLongerApplies_IsRefused_AndLeavesNoGap() => Inline(async () =>
    {
        var message = await _posting.Enqueue(Post("m1"));
        var gate = _log.HoldNext();
        var blocker = _posting.Enqueue(Post("a2"));
        PendingPost Delete(string id) =>
            new(Basil, "Basil Wren", id, "", message.Seq) { Kind = RoomEventKinds.Delete, Change = (target, _) => MessageChanges.Delete(target) };

        var first = _posting.Enqueue(Delete("d1"));
        var second = _posting.Enqueue(Delete("d2"));
        var last = _posting.Enqueue(Post("a3"));
        gate.SetResult();

        Assert.Equal(3, (await first).Seq);
        await Assert.ThrowsAsync<ChatException>(() => second);
        Assert.Equal(4, (await last).Seq);
        Assert.Equal([1L, 2L, 3L, 4L], _log.Stored.Select(e => e.Seq));
        await blocker;
    });
}
