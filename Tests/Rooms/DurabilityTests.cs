using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

[Collection(ClusterCollection.Name)]
public sealed class DurabilityTests(ChatCluster chat)
{
    [Fact]
    public async Task History_SurvivesDeactivation_AndSequenceContinues()
    {
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));
        for (var i = 1; i <= 3; i++) await room.Post(user.UserId, $"d{i}", $"before {i}");

        await chat.Cluster.DeactivateAsync(room);
        var next = await room.Post(user.UserId, "d4", "after");

        Assert.Equal(4, next.Seq);
        var history = await room.GetEventsAfter(user.UserId, 0, 10);
        Assert.Equal(["before 1", "before 2", "before 3", "after"], history.Events.Select(e => e.Text));
        Assert.Equal([1L, 2L, 3L, 4L], history.Events.Select(e => e.Seq));
        var members = await room.AllMembers(user.UserId);
        Assert.Contains(members, m => m.UserId == user.UserId);
    }

    [Fact]
    public async Task Post_AfterAnotherWriterTookTheNextSeq_IsRejectedByTheStoreAndRecoversWithoutGap()
    {
        var user = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(user.UserId);
        var room = chat.Room(roomId);
        await room.Post(user.UserId, "w1", "one");
        await room.Post(user.UserId, "w2", "two");

        // A second activation of the same room (possible for a moment during failover) writes seq 3 behind our back.
        var ghost = Guid.NewGuid();
        await using (var other = new SqliteRoomEventStore(new SqliteDatabase(chat.DatabasePath), NullLogger<SqliteRoomEventStore>.Instance))
        {
            var outcome = await other.AppendAsync(roomId, [new RoomEvent(3, RoomEventKinds.Message, ghost, "Ghost", "g", "ghost", null, DateTimeOffset.UtcNow)]);
            Assert.Equal(AppendOutcome.Stored, outcome);
        }

        var ack = await room.Post(user.UserId, "w3", "three");

        Assert.Equal(4, ack.Seq);
        var history = await room.GetEventsAfter(user.UserId, 0, 10);
        Assert.Equal([1L, 2L, 3L, 4L], history.Events.Select(e => e.Seq));
        Assert.Equal(["one", "two", "ghost", "three"], history.Events.Select(e => e.Text));
    }

    [Fact]
    public async Task Scrollback_OverTenThousandMessages_PagesAreContiguousAndComplete()
    {
        const int total = 10_000;
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));
        for (var start = 0; start < total; start += 1000)
        {
            await Task.WhenAll(Enumerable.Range(start, 1000).Select(i => room.Post(user.UserId, $"s{i}", $"message {i}")));
        }

        var seen = new List<long>();
        var before = long.MaxValue;
        while (true)
        {
            var page = await room.GetEventsBefore(user.UserId, before, 137);
            if (page.Events.Count == 0) break;
            Assert.Equal(page.Events.Select(e => e.Seq), Enumerable.Range(0, page.Events.Count).Select(i => page.Events[0].Seq + i));
            seen.AddRange(page.Events.Select(e => e.Seq).Reverse());
            before = page.Events[0].Seq;
        }
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)(total + 1 - i)), seen);

        var forward = new List<RoomEvent>();
        long after = 0;
        while (true)
        {
            var page = await room.GetEventsAfter(user.UserId, after, ChatLimits.MaxPageSize);
            if (page.Events.Count == 0) break;
            forward.AddRange(page.Events);
            after = page.Events[^1].Seq;
        }
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), forward.Select(e => e.Seq));
        Assert.Equal(total, forward.Select(e => e.ClientMsgId).Distinct().Count());
    }
}
