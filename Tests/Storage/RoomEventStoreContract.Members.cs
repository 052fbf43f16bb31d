using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Storage;

// Member rows (issue 16): written by the same group commit as the events of a room batch, all or nothing with them.
public abstract partial class RoomEventStoreContract
{
    private static readonly Guid Carol = Guid.Parse("5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e003");

    [Fact]
    public async Task MemberRows_WrittenWithoutEvents_ReadBackWithEveryField()
    {
        var room = NewRoom();
        MemberRow[] rows =
        [
            new(Alice, "Zoë Ångström 日本語", "owner", Start, 3, "on holiday 🌴", Start.AddHours(5).AddMilliseconds(7)),
            new(Bob, "Bob", "member", Start.AddDays(1), 0, null, null),
        ];

        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, [], new MemberWrites(rows, [])));

        Assert.Equal(rows, (await Store.ReadMembersAsync(room)).OrderBy(r => r.UserId));
        Assert.Empty(await Store.ReadMembersAsync(NewRoom()));
    }

    [Fact]
    public async Task MemberRows_UpsertReplacesTheRow_AndRemovalDeletesIt_InThatRoomOnly()
    {
        var room = NewRoom();
        var other = NewRoom();
        await Store.AppendAsync(room, [], new MemberWrites([Row(Alice), Row(Bob)], []));
        await Store.AppendAsync(other, [], new MemberWrites([Row(Bob)], []));

        var promoted = Row(Alice) with { Role = "moderator", Name = "Alice B.", Avatar = 2, Status = "here", LastActive = Start.AddDays(3) };
        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, [], new MemberWrites([promoted], [Bob, Carol])));

        Assert.Equal([promoted], await Store.ReadMembersAsync(room));
        Assert.Equal([Row(Bob)], await Store.ReadMembersAsync(other));
    }

    [Fact]
    public async Task MemberRows_AndEventsOfOneBatch_AreStoredTogether()
    {
        var room = NewRoom();
        var line = Message(1) with { Kind = RoomEventKinds.Member, Text = "{\"change\":\"joined\"}" };

        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, [line], new MemberWrites([Row(Alice)], [])));

        Assert.Equal([line], await Store.ReadAfterAsync(room, 0, 10));
        Assert.Equal([Row(Alice)], await Store.ReadMembersAsync(room));
    }

    [Fact]
    public async Task ARejectedBatch_WritesNoneOfItsMemberRows()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, Messages(1, 2), new MemberWrites([Row(Alice)], []));

        var outcome = await Store.AppendAsync(room, [Message(2) with { Text = "stale" }, Message(3)], new MemberWrites([Row(Bob), Row(Alice) with { Role = "moderator" }], [Alice]));

        Assert.Equal(AppendOutcome.Conflict, outcome);
        Assert.Equal([Row(Alice)], await Store.ReadMembersAsync(room));
        Assert.Equal(Messages(1, 2), await Store.ReadAfterAsync(room, 0, 10));
    }

    [Fact]
    public async Task GroupCommit_WithAConflictingRoomBatch_StoresTheOtherRoomsRows_AndNoneOfItsOwn()
    {
        var conflicting = NewRoom();
        await Store.AppendAsync(conflicting, Messages(1, 2), new MemberWrites([Row(Alice)], []));
        var blocker = NewRoom();
        var joined = NewRoom();
        var left = NewRoom();
        await Store.AppendAsync(left, [], new MemberWrites([Row(Alice), Row(Bob)], []));

        Task<AppendOutcome> blocked, conflict, join, leave;
        await using (await HoldWriterAsync(blocker))
        {
            blocked = Store.AppendAsync(blocker, [Message(1)]);
            join = Store.AppendAsync(joined, [Message(1)], new MemberWrites([Row(Alice), Row(Carol)], []));
            conflict = Store.AppendAsync(conflicting, [Message(2)], new MemberWrites([Row(Carol)], [Alice]));
            leave = Store.AppendAsync(left, [Message(1)], new MemberWrites([], [Bob]));
        }

        Assert.Equal(AppendOutcome.Stored, await blocked);
        Assert.Equal(AppendOutcome.Conflict, await conflict);
        Assert.Equal(AppendOutcome.Stored, await join);
        Assert.Equal(AppendOutcome.Stored, await leave);
        Assert.Equal([Row(Alice)], await Store.ReadMembersAsync(conflicting));
        Assert.Equal([Alice, Carol], (await Store.ReadMembersAsync(joined)).Select(r => r.UserId).Order());
        Assert.Equal([Row(Alice)], await Store.ReadMembersAsync(left));
    }

    [Fact]
    public async Task GroupCommit_WithTwoBatchesOfOneRoomWritingOneMember_StoresBoth_TheLaterLast()
    {
        // Two activations of one room for a moment (failover): their batches can meet in one commit.
        var blocker = NewRoom();
        var room = NewRoom();

        Task<AppendOutcome> blocked, earlier, later;
        await using (await HoldWriterAsync(blocker))
        {
            blocked = Store.AppendAsync(blocker, [Message(1)]);
            earlier = Store.AppendAsync(room, [Message(1)], new MemberWrites([Row(Alice)], []));
            later = Store.AppendAsync(room, [Message(2)], new MemberWrites([Row(Alice) with { Role = "moderator" }, Row(Bob)], []));
        }

        Assert.Equal(AppendOutcome.Stored, await blocked);
        Assert.Equal(AppendOutcome.Stored, await earlier);
        Assert.Equal(AppendOutcome.Stored, await later);
        Assert.Equal([Row(Alice) with { Role = "moderator" }, Row(Bob)], (await Store.ReadMembersAsync(room)).OrderBy(r => r.UserId));
    }

    [Fact]
    public async Task MemberRows_SurviveDisposingAndRecreatingTheStore()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, [Message(1)], new MemberWrites([Row(Alice), Row(Bob)], []));

        await ((IAsyncDisposable)Store).DisposeAsync();
        _openStores.Remove(Store);
        Store = Open();

        Assert.Equal([Alice, Bob], (await Store.ReadMembersAsync(room)).Select(r => r.UserId).Order());
    }

    private static MemberRow Row(Guid userId) =>
        new(userId, userId == Alice ? "Alice" : userId == Bob ? "Bob" : "Carol", "member", Start, 0, null, Start);
}
