using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>
/// What every <see cref="IRoomEventStore"/> promises, run against a real database by one subclass per implementation.
/// Each test works in rooms of its own, so tests of one class may share a database.
/// </summary>
public abstract partial class RoomEventStoreContract : IAsyncLifetime
{
    private static readonly Guid Alice = Guid.Parse("5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001");
    private static readonly Guid Bob = Guid.Parse("5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e002");
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private readonly List<IRoomEventStore> _openStores = [];

    protected IRoomEventStore Store { get; private set; } = null!;

    /// <summary>A new store over this test's database: the same data on every call.</summary>
    protected abstract IRoomEventStore CreateStore();

    protected abstract GroupCommitter CommitterOf(IRoomEventStore store);

    /// <summary>
    /// Takes a lock, as a concurrent writer would, that stalls the store's writer once it starts on an append of
    /// seq 1 to <paramref name="roomId"/> (or on any append); disposing the result releases it.
    /// </summary>
    protected abstract Task<IAsyncDisposable> HoldWriterAsync(string roomId);

    protected virtual Task DeleteDatabaseAsync() => Task.CompletedTask;

    /// <summary>How many rows of room_events, any column, contain <paramref name="text"/>: asked of the table itself.</summary>
    /// <summary>
    /// Keeps searches started until the result is disposed from finishing (PostgreSQL: a lock on the events table, which
    /// the statement timeout counts), or does nothing where a reader cannot be held (SQLite in WAL mode).
    /// </summary>
    protected abstract Task<IAsyncDisposable> HoldSearchesAsync();

    protected abstract Task<long> CountRowsContainingAsync(string text);

    public Task InitializeAsync()
    {
        Store = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _openStores) await ((IAsyncDisposable)store).DisposeAsync();
        await DeleteDatabaseAsync();
    }

    [Fact]
    public async Task Append_ThenReadAfter_ReturnsEveryFieldExactly()
    {
        var room = NewRoom();
        RoomEvent[] events =
        [
            new(1, RoomEventKinds.Message, Alice, "Zoë Ångström", "c-1", "Hello 👋🏽 world — ünïcødé, 日本語, עברית, e\u0301", null, Start),
            new(2, RoomEventKinds.Message, Bob, "Bob 🐱", "c-2", "multi\nline\ttext with 'quotes' and \"double\" and \\", 1, Start.AddMilliseconds(1)),
            new(3, RoomEventKinds.Message, Alice, "Zoë Ångström", "c-3", "", null, Start.AddDays(400).AddMilliseconds(999)),
        ];

        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, events));

        Assert.Equal(events, await Store.ReadAfterAsync(room, 0, 10));
        Assert.Equal(events, await Store.ReadBeforeAsync(room, 4, 10));
    }

    [Fact]
    public async Task Append_WithSubMillisecondTimeInAnotherOffset_StoresTheInstantToTheMillisecond()
    {
        var room = NewRoom();
        var at = new DateTimeOffset(2025, 6, 1, 12, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        await Store.AppendAsync(room, [Message(1) with { At = at }]);

        var stored = Assert.Single(await Store.ReadAfterAsync(room, 0, 10));
        Assert.Equal(at.ToUnixTimeMilliseconds(), stored.At.ToUnixTimeMilliseconds());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()), stored.At);
    }

    [Fact]
    public async Task Append_OfAnExistingSeq_ReturnsConflictAndStoresNothingOfTheBatch()
    {
        var room = NewRoom();
        var original = Messages(1, 2);
        await Store.AppendAsync(room, original);

        var outcome = await Store.AppendAsync(room, [Message(2) with { Text = "another activation" }, Message(3)]);

        Assert.Equal(AppendOutcome.Conflict, outcome);
        Assert.Equal(original, await Store.ReadAfterAsync(room, 0, 10));
    }

    [Fact]
    public async Task Append_WhenOnlyTheLastOfThreeConflicts_StoresNoneOfTheThree()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, Messages(1, 2));
        await Store.AppendAsync(room, [Message(5)]);

        var outcome = await Store.AppendAsync(room, [Message(3), Message(4), Message(5) with { ClientMsgId = "other" }]);

        Assert.Equal(AppendOutcome.Conflict, outcome);
        Assert.Equal([1L, 2, 5], (await Store.ReadAfterAsync(room, 0, 10)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Append_OfADuplicateClientMsgIdFromTheSameAuthor_ReturnsConflict()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, [Message(1, Alice, "same")]);

        var outcome = await Store.AppendAsync(room, [Message(2, Alice, "same")]);

        Assert.Equal(AppendOutcome.Conflict, outcome);
        Assert.Equal(1, await LastSeqAsync(Store, room));
    }

    [Fact]
    public async Task Append_OfTheSameClientMsgIdFromTwoAuthors_StoresBoth()
    {
        var room = NewRoom();

        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, [Message(1, Alice, "same")]));
        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, [Message(2, Bob, "same")]));

        Assert.Equal(2, (await Store.ReadAfterAsync(room, 0, 10)).Count);
    }

    [Fact]
    public async Task Append_OfTheSameSeqAndClientMsgIdInAnotherRoom_IsStored()
    {
        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(NewRoom(), [Message(1, Alice, "same")]));
        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(NewRoom(), [Message(1, Alice, "same")]));
    }

    [Fact]
    public async Task ConcurrentAppends_From50Rooms_AreAllStoredInFewerCommitsThanAppends()
    {
        const int rooms = 50, eventsPerRoom = 20;
        var committer = CommitterOf(Store);
        var commitsBefore = committer.Commits;
        var roomIds = Enumerable.Range(0, rooms).Select(_ => NewRoom()).ToArray();

        // Like a room grain: each room appends its next event once the previous one is stored.
        var outcomes = await Task.WhenAll(roomIds.Select(async room =>
        {
            var results = new List<AppendOutcome>();
            for (var seq = 1; seq <= eventsPerRoom; seq++) results.Add(await Store.AppendAsync(room, [Message(seq)]));
            return results;
        }));

        Assert.All(outcomes.SelectMany(o => o), o => Assert.Equal(AppendOutcome.Stored, o));
        var commits = committer.Commits - commitsBefore;
        Assert.True(commits < rooms * eventsPerRoom, $"{commits} commits for {rooms * eventsPerRoom} appends");
        foreach (var room in roomIds)
        {
            Assert.Equal(Messages(1, eventsPerRoom), await Store.ReadAfterAsync(room, 0, 100));
            Assert.Equal(eventsPerRoom, await LastSeqAsync(Store, room));
        }
    }

    [Fact]
    public async Task GroupCommit_WithOneConflictingRoomBatch_StoresTheOtherRoomsBatches()
    {
        var conflicting = NewRoom();
        await Store.AppendAsync(conflicting, Messages(1, 2));
        var blocker = NewRoom();
        var others = Enumerable.Range(0, 4).Select(_ => NewRoom()).ToArray();
        var committer = CommitterOf(Store);
        var commitsBefore = committer.Commits;

        // While the writer is stalled on the first append, the rest queue up and go into one transaction together.
        Task<AppendOutcome> blocked, conflict;
        Task<AppendOutcome>[] stored;
        await using (await HoldWriterAsync(blocker))
        {
            blocked = Store.AppendAsync(blocker, [Message(1)]);
            var first = Store.AppendAsync(others[0], Messages(1, 3));
            var second = Store.AppendAsync(others[1], Messages(1, 3));
            conflict = Store.AppendAsync(conflicting, [Message(2) with { Text = "stale" }, Message(3)]);
            stored = [first, second, Store.AppendAsync(others[2], Messages(1, 3)), Store.AppendAsync(others[3], Messages(1, 3))];
        }

        Assert.Equal(AppendOutcome.Stored, await blocked);
        Assert.Equal(AppendOutcome.Conflict, await conflict);
        Assert.All(await Task.WhenAll(stored), o => Assert.Equal(AppendOutcome.Stored, o));
        Assert.InRange(committer.Commits - commitsBefore, 1, 2);
        foreach (var room in others) Assert.Equal(Messages(1, 3), await Store.ReadAfterAsync(room, 0, 10));
        Assert.Equal(Messages(1, 2), await Store.ReadAfterAsync(conflicting, 0, 10));
    }

    [Fact]
    public async Task Paging_Over10000Events_GivesContiguousCompletePagesBothWays()
    {
        const int total = 10_000;
        var room = NewRoom();
        for (var first = 1; first <= total; first += 500)
            Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, Messages(first, first + 499)));

        var seen = new List<long>();
        var before = long.MaxValue;
        while (true)
        {
            var page = await Store.ReadBeforeAsync(room, before, 137);
            if (page.Count == 0) break;
            Assert.Equal(Enumerable.Range(0, page.Count).Select(i => page[0].Seq + i), page.Select(e => e.Seq));
            Assert.Equal(before == long.MaxValue ? total : before - 1, page[^1].Seq);
            Assert.True(page.Count == 137 || page[0].Seq == 1, $"short page {page[0].Seq}..{page[^1].Seq}");
            seen.AddRange(page.Select(e => e.Seq));
            before = page[0].Seq;
        }
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), seen.Order());

        var after = 0L;
        var forward = new List<RoomEvent>();
        while (await Store.ReadAfterAsync(room, after, 500) is { Count: > 0 } page)
        {
            Assert.Equal(after + 1, page[0].Seq);
            forward.AddRange(page);
            after = page[^1].Seq;
        }
        Assert.Equal(Messages(1, total), forward);
    }

    [Fact]
    public async Task GetLastSeq_ReturnsTheHighestSeq_OrZeroForAnEmptyRoom()
    {
        var room = NewRoom();
        Assert.Equal(0, await LastSeqAsync(Store, room));

        await Store.AppendAsync(room, Messages(1, 3));
        await Store.AppendAsync(room, Messages(4, 7));

        Assert.Equal(7, await LastSeqAsync(Store, room));
        Assert.Equal(0, await LastSeqAsync(Store, NewRoom()));
    }

    [Fact]
    public async Task FindByClientId_ReturnsTheStoredEvent_OrNullWhenNoneMatches()
    {
        var room = NewRoom();
        var events = new[] { Message(1, Alice, "a-1"), Message(2, Bob, "b-1") with { TargetSeq = 1 } };
        await Store.AppendAsync(room, events);

        Assert.Equal(events[1], await Store.FindByClientIdAsync(room, Bob, "b-1"));
        Assert.Null(await Store.FindByClientIdAsync(room, Alice, "b-1"));
        Assert.Null(await Store.FindByClientIdAsync(room, Bob, "b-2"));
        Assert.Null(await Store.FindByClientIdAsync(NewRoom(), Bob, "b-1"));
    }

    [Fact]
    public async Task StoredEvents_SurviveDisposingAndRecreatingTheStore()
    {
        var room = NewRoom();
        var events = Messages(1, 5);
        await Store.AppendAsync(room, events);

        await ((IAsyncDisposable)Store).DisposeAsync();
        _openStores.Remove(Store);
        Store = Open();

        Assert.Equal(events, await Store.ReadAfterAsync(room, 0, 10));
        Assert.Equal(5, await LastSeqAsync(Store, room));
        Assert.Equal(AppendOutcome.Conflict, await Store.AppendAsync(room, [Message(5)]));
    }

    /// <summary>The room's newest stored seq (0: none), read as a room reads it when it activates.</summary>
    protected static async Task<long> LastSeqAsync(IRoomEventStore store, string roomId) =>
        (await store.ReadBeforeAsync(roomId, long.MaxValue, 1)).SingleOrDefault()?.Seq ?? 0;

    [Fact]
    public async Task Edit_RewritesTheTargetsTextAndEditTime_AndReadsReturnTheMessageAsItIsNow()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, Messages(1, 3));
        var edit = Change(4, RoomEventKinds.Edit, 2, "message 2, corrected");

        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, [edit]));

        var events = await Store.ReadAfterAsync(room, 0, 10);
        Assert.Equal(Message(2) with { Text = "message 2, corrected", EditedAt = edit.At }, events[1]);
        Assert.Equal(edit, events[3]);
        Assert.Equal(events, await Store.ReadBeforeAsync(room, 5, 10));
        Assert.Equal(Message(1), events[0]);
    }

    [Fact]
    public async Task Delete_ErasesTheTextOfTheMessageAndOfItsEdits_FromTheTable()
    {
        var room = NewRoom();
        var secret = "secret-" + Guid.NewGuid().ToString("N");
        await Store.AppendAsync(room, [Message(1) with { Text = $"first {secret}" }, Message(2)]);
        await Store.AppendAsync(room, [Change(3, RoomEventKinds.Edit, 1, $"edited {secret}")]);
        await Store.AppendAsync(room, [Change(4, RoomEventKinds.Reaction, 1, "👍") with { Reactions = [new Reaction("👍", [Bob])] }]);
        Assert.Equal(2, await CountRowsContainingAsync(secret));

        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, [Change(5, RoomEventKinds.Delete, 1, "")]));

        Assert.Equal(0, await CountRowsContainingAsync(secret));
        var events = await Store.ReadAfterAsync(room, 0, 10);
        Assert.True(events[0].Deleted);
        Assert.Equal("", events[0].Text);
        Assert.Null(events[0].Reactions);
        Assert.Equal("", events[2].Text);
        Assert.Equal(RoomEventKinds.Edit, events[2].Kind);
        Assert.Equal(Message(2), events[1]);
    }

    [Fact]
    public async Task ChangesInOneAppend_ApplyInSequenceOrder_WithTheirTargetInTheSameAppend()
    {
        var room = NewRoom();
        var secret = "secret-" + Guid.NewGuid().ToString("N");

        await Store.AppendAsync(room,
        [
            Message(1) with { Text = secret },
            Change(2, RoomEventKinds.Edit, 1, secret + " again"),
            Change(3, RoomEventKinds.Delete, 1, ""),
            Message(4),
            Change(5, RoomEventKinds.Edit, 4, "four"),
            Change(6, RoomEventKinds.Edit, 4, "four, twice"),
        ]);

        Assert.Equal(0, await CountRowsContainingAsync(secret));
        var events = await Store.ReadAfterAsync(room, 0, 10);
        Assert.True(events[0].Deleted);
        Assert.Equal("four, twice", events[3].Text);
        Assert.Equal(Start.AddSeconds(6), events[3].EditedAt);
    }

    [Fact]
    public async Task ReactionsAndPins_AreKeptOnTheTarget_AndOnTheirEvents()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, Messages(1, 3));
        IReadOnlyList<Reaction> reactions = [new("👍", [Alice, Bob]), new("👩‍👩‍👧", [Bob])];

        await Store.AppendAsync(room,
        [
            Change(4, RoomEventKinds.Reaction, 2, "👩‍👩‍👧") with { Reactions = reactions },
            Change(5, RoomEventKinds.Pin, 2, "") with { Pinned = true },
            Change(6, RoomEventKinds.Pin, 3, "") with { Pinned = true },
            Change(7, RoomEventKinds.Pin, 3, "") with { Pinned = false },
        ]);

        var events = await Store.ReadAfterAsync(room, 0, 10);
        Assert.Equal(Describe(reactions), Describe(events[1].Reactions));
        Assert.Equal(Describe(reactions), Describe(events[3].Reactions));
        Assert.True(events[1].Pinned);
        Assert.False(events[2].Pinned);
        Assert.True(events[4].Pinned);
        Assert.False(events[6].Pinned);
        var pinned = Assert.Single(await Store.ReadPinnedAsync(room, 10));
        Assert.Equal(2, pinned.Seq);
    }

    [Fact]
    public async Task ARejectedAppendOfAChange_LeavesItsTargetUnchanged()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, Messages(1, 2));

        var outcome = await Store.AppendAsync(room, [Change(2, RoomEventKinds.Delete, 1, "")]);

        Assert.Equal(AppendOutcome.Conflict, outcome);
        Assert.Equal(Messages(1, 2), await Store.ReadAfterAsync(room, 0, 10));
    }

    [Fact]
    public async Task ReadMessagesOf_ReturnsAnAuthorsUndeletedMessagesSinceATime()
    {
        var room = NewRoom();
        await Store.AppendAsync(room,
        [
            Message(1), Message(2, Bob, "b-2"), Message(3), Message(4), Message(5),
            Change(6, RoomEventKinds.Delete, 4, ""), Message(7, Bob, "b-7"),
        ]);

        var since = Start.AddSeconds(2);
        Assert.Equal([3L, 5L], (await Store.ReadMessagesOfAsync(room, Alice, since, 10)).Select(e => e.Seq));
        Assert.Equal([3L], (await Store.ReadMessagesOfAsync(room, Alice, since, 1)).Select(e => e.Seq));
        Assert.Equal([2L, 7L], (await Store.ReadMessagesOfAsync(room, Bob, Start, 10)).Select(e => e.Seq));
        Assert.Empty(await Store.ReadMessagesOfAsync(room, Alice, Start.AddSeconds(8), 10));
    }

    protected static string Describe(IReadOnlyList<Reaction>? reactions) =>
        reactions is null ? "none" : string.Join(";", reactions.Select(r => r.Emoji + ":" + string.Join(",", r.Users)));

    protected static RoomEvent Change(long seq, string kind, long target, string text) =>
        new(seq, kind, Bob, "Bob", $"change-{seq}", text, target, Start.AddSeconds(seq));

    protected static string NewRoom() => "room-" + Guid.NewGuid().ToString("N");

    protected static RoomEvent Message(long seq, Guid? author = null, string? clientMsgId = null) =>
        new(seq, RoomEventKinds.Message, author ?? Alice, "Alice", clientMsgId ?? $"client-{seq}", $"message {seq}", null, Start.AddSeconds(seq));

    protected static RoomEvent[] Messages(long first, long last) =>
        [.. Enumerable.Range(0, (int)(last - first + 1)).Select(i => Message(first + i))];

    private IRoomEventStore Open()
    {
        var store = CreateStore();
        _openStores.Add(store);
        return store;
    }
}
