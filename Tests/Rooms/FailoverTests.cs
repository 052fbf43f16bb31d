using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>A silo dies while clients send; a cluster of its own, because the test kills part of it.</summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private readonly ChatCluster _chat = new();

    public Task InitializeAsync() => _chat.InitializeAsync();

    public Task DisposeAsync() => _chat.DisposeAsync();

    [Fact]
    public async Task SiloKilledWhileSending_EveryAcknowledgedMessageIsInHistoryOnceAndInOrder()
    {
        const int rooms = 6, senders = 4, perSender = 25;
        var owner = await _chat.NewUserAsync();
        var roomIds = new List<string>();
        for (var r = 0; r < rooms; r++) roomIds.Add(await _chat.NewRoomAsync(owner.UserId, "failover"));
        var users = new List<UserProfile>();
        for (var s = 0; s < senders; s++)
        {
            var u = await _chat.NewUserAsync();
            foreach (var id in roomIds) await _chat.User(u.UserId).JoinRoom(id);
            users.Add(u);
        }

        var acked = 0;
        var killAfter = rooms * senders * perSender / 3;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acks = new System.Collections.Concurrent.ConcurrentDictionary<(string Room, Guid User, int I), long>();

        async Task SendAll(string roomId, UserProfile user)
        {
            for (var i = 0; i < perSender; i++)
            {
                var ack = await SendWithRetry(_chat.Room(roomId), user.UserId, $"k{i}", $"{user.UserId}:{i}", gone.Task);
                acks[(roomId, user.UserId, i)] = ack.Seq;
                if (Interlocked.Increment(ref acked) == killAfter) killed.TrySetResult();
            }
        }

        var sending = Task.WhenAll(roomIds.SelectMany(r => users.Select(u => SendAll(r, u))));
        await Wait.For(killed.Task, "a third of the messages to be acknowledged");
        await _chat.Cluster.KillSiloAsync(_chat.Cluster.Silos[1]);
        gone.TrySetResult();
        await Wait.For(sending, "all senders to finish", TimeSpan.FromSeconds(90));

        foreach (var roomId in roomIds)
        {
            var history = await _chat.Room(roomId).GetEventsAfter(owner.UserId, 0, ChatLimits.MaxPageSize);
            // The senders' joins (system lines), then every message, with no gap.
            Assert.Equal(Enumerable.Range(1, senders + senders * perSender).Select(i => (long)i), history.Events.Select(e => e.Seq));
            Assert.All(history.Events.Take(senders), e => Assert.Equal(RoomEventKinds.Member, e.Kind));
            var messages = history.Events.Skip(senders).ToList();
            Assert.All(messages, e => Assert.Equal(RoomEventKinds.Message, e.Kind));
            Assert.Equal(senders * perSender, messages.Select(e => e.Text).Distinct().Count());
            var bySeq = messages.ToDictionary(e => e.Seq);
            foreach (var u in users)
            {
                var mine = messages.Where(e => e.AuthorId == u.UserId).Select(e => e.Text).ToList();
                // One sender sends one message at a time, so its messages keep their order.
                Assert.Equal(Enumerable.Range(0, perSender).Select(i => $"{u.UserId}:{i}"), mine);
                for (var i = 0; i < perSender; i++) Assert.Equal($"{u.UserId}:{i}", bySeq[acks[(roomId, u.UserId, i)]].Text);
            }
        }
    }

    /// <summary>
    /// What a client does when a send fails: send again with the same client message id. While the silo is being killed
    /// its calls are refused at once ("silo stopping"), so a failed send first waits for the kill to be over.
    /// </summary>
    private static async Task<PostResult> SendWithRetry(IRoomGrain room, Guid user, string clientMsgId, string text, Task killOver)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await room.Post(user, clientMsgId, text).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception) when (attempt < 30)
            {
                await Wait.For(killOver, "the silo to be gone", TimeSpan.FromSeconds(60));
            }
        }
    }
}
