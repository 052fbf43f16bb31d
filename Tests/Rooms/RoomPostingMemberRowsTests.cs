using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Rooms;

/// <summary>
/// Member rows in the room's posting (issue 16): they ride in the batch of the line that records their change, are
/// written as the room holds them when the batch is made, retried with a conflicting batch and kept for the next batch
/// when a commit fails. On a log in memory, outside xunit's synchronization context as in <see cref="RoomPostingTests"/>.
/// </summary>
public sealed class RoomPostingMemberRowsTests
{
    private static readonly Guid Amber = Guid.NewGuid();
    private static readonly Guid Basil = Guid.NewGuid();
    private static readonly DateTimeOffset Joined = DateTimeOffset.UnixEpoch.AddDays(1);

    private readonly RoomTail _tail = new(4);
    private readonly MemoryPostingLog _log;
    private readonly RoomPosting _posting;
    private readonly Dictionary<Guid, RoomMember> _members = [];

    public RoomPostingMemberRowsTests()
    {
        _log = new MemoryPostingLog(_tail, 4);
        _posting = new RoomPosting("room", _tail, _log, new FakeTimeProvider(Joined), 3, NullLogger.Instance, memberRows: RowsOf);
    }

    private MemberWrites RowsOf(IReadOnlyCollection<Guid> userIds) => new(
        [.. userIds.Where(_members.ContainsKey).Select(id => _members[id].ToRow(id))],
        [.. userIds.Where(id => !_members.ContainsKey(id))]);

    private static Task Inline(Func<Task> test) => Task.Run(test);

    private static PendingPost Line(Guid actor) => new(actor, "Amber Heron", $"line-{Guid.NewGuid():N}", "{}") { Kind = RoomEventKinds.Member };

    private void Join(Guid userId) => _members[userId] = RoomMember.New(new MemberIdentity("Amber Heron", 0), Joined);

    [Fact]
    public Task ALine_AndTheRowsOfItsChange_AreOneAppend() => Inline(async () =>
    {
        Join(Amber);

        await _posting.Enqueue(Line(Amber), [Amber]);

        var append = Assert.Single(_log.Appends);
        Assert.Equal(RoomEventKinds.Member, Assert.Single(append).Kind);
        Assert.Equal([Amber], _log.MemberAppends[0].Upserts.Select(r => r.UserId));
        Assert.Equal("member", _log.Members[Amber].Role);
    });

    [Fact]
    public Task Rows_AreWrittenAsTheRoomHoldsThemWhenTheirBatchIsMade() => Inline(async () =>
    {
        Join(Amber);
        Join(Basil);
        var gate = _log.HoldNext();
        var first = _posting.WriteMembers([Amber, Basil]);

        // While the first batch commits: Amber becomes a moderator, Basil leaves; both go in the next batch.
        _members[Amber].Role = RoomRoles.Moderator;
        var promoted = _posting.WriteMembers([Amber]);
        _members.Remove(Basil);
        var left = _posting.Enqueue(Line(Basil), [Basil]);
        gate.SetResult();
        await Task.WhenAll(first, promoted, left);

        Assert.Equal(2, _log.MemberAppends.Count);
        Assert.Equal([Amber], _log.MemberAppends[1].Upserts.Select(r => r.UserId));
        Assert.Equal([Basil], _log.MemberAppends[1].Removals);
        Assert.Equal(RoomRoles.Moderator, _log.Members[Amber].Role);
        Assert.False(_log.Members.ContainsKey(Basil));
    });

    [Fact]
    public Task AConflictingBatch_WritesItsRowsWithTheRenumberedEvents_AndNotBefore() => Inline(async () =>
    {
        Join(Amber);
        _log.AppendAsAnotherWriter(new RoomEvent(1, RoomEventKinds.Message, Basil, "Basil", "b1", "hi", null, Joined));

        var ack = await _posting.Enqueue(Line(Amber), [Amber]);

        Assert.Equal(2, ack.Seq);
        Assert.Equal(2, _log.Appends.Count);
        Assert.All(_log.MemberAppends, m => Assert.Equal([Amber], m.Upserts.Select(r => r.UserId)));
        Assert.Single(_log.Members);
    });

    [Fact]
    public Task AFailedCommit_FailsItsWaiters_AndItsRowsGoWithTheNextBatch() => Inline(async () =>
    {
        Join(Amber);
        _log.FailNext = new InvalidOperationException("the disk is full");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _posting.WriteMembers([Amber]));
        Assert.Empty(_log.Members);

        await _posting.Enqueue(new PendingPost(Basil, "Basil", "m1", "hello"));

        Assert.Equal([Amber], _log.MemberAppends[^1].Upserts.Select(r => r.UserId));
        Assert.True(_log.Members.ContainsKey(Amber));
    });

    [Fact]
    public Task WriteMembers_WithNothingToWrite_CompletesWithoutAnAppend() => Inline(async () =>
    {
        await _posting.WriteMembers([]);

        Assert.Empty(_log.Appends);
    });
}
