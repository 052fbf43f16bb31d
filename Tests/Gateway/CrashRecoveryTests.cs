using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>The all-in-one process is killed with SIGKILL while clients send, then started again on the same data.</summary>
public sealed class CrashRecoveryTests
{
    private const int Senders = 3;
    private const int PerSender = 40;

    [Fact]
    public async Task ProcessKilledAfterJoinsAndALeave_AcknowledgedMembersAreStillMembersAfterRestart()
    {
        const int joiners = 12;
        using var data = new TempDirectory("orleanschat-crash-members");
        var port = FreePort.Next();
        var first = await ChatProcess.StartAllInOneAsync(data.Path, port);
        var baseAddress = first.HttpAddress;
        ChatProcess? second = null;
        try
        {
            var owner = await ChatEndpoints.NewSessionAsync(baseAddress);
            string room;
            await using (var connection = await ChatEndpoints.ConnectAsync(baseAddress, owner.Token))
            {
                room = (await connection.InvokeAsync<JoinResult>("CreateRoom", $"Rows {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
            }

            // Joined at once, so their rows share group commits; each join is acknowledged before the kill.
            var sessions = await Task.WhenAll(Enumerable.Range(0, joiners).Select(_ => ChatEndpoints.NewSessionAsync(baseAddress)));
            await Task.WhenAll(sessions.Select(async session =>
            {
                await using var connection = await ChatEndpoints.ConnectAsync(baseAddress, session.Token);
                await connection.InvokeAsync<JoinResult>("JoinRoom", room);
            }));
            await using (var leaver = await ChatEndpoints.ConnectAsync(baseAddress, sessions[0].Token))
            {
                await leaver.InvokeAsync("LeaveRoom", room);
            }

            await first.KillAsync();
            second = await ChatProcess.StartAllInOneAsync(data.Path, port);

            await using var reader = await ChatEndpoints.ConnectAsync(baseAddress, owner.Token);
            var members = await reader.AllMembersAsync(room);
            Assert.Equal(
                sessions.Skip(1).Select(s => s.UserId).Append(owner.UserId).Order(),
                members.Select(m => m.UserId).Order());
            Assert.Equal(RoomRoles.Owner, members.Single(m => m.UserId == owner.UserId).Role);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task ProcessKilledWhileSending_AcknowledgedMessagesSurviveAndEveryClientEndsGapFree()
    {
        using var data = new TempDirectory("orleanschat-crash");
        var port = FreePort.Next();
        var first = await ChatProcess.StartAllInOneAsync(data.Path, port);
        var baseAddress = first.HttpAddress;
        ChatProcess? second = null;
        try
        {
            var sessions = new List<ChatEndpoints.Session>();
            for (var i = 0; i < Senders; i++) sessions.Add(await ChatEndpoints.NewSessionAsync(baseAddress));
            string room;
            await using (var owner = await ChatEndpoints.ConnectAsync(baseAddress, sessions[0].Token))
            {
                room = (await owner.InvokeAsync<JoinResult>("CreateRoom", $"Crash {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
            }
            foreach (var s in sessions.Skip(1))
            {
                await using var c = await ChatEndpoints.ConnectAsync(baseAddress, s.Token);
                await c.InvokeAsync<JoinResult>("JoinRoom", room);
            }

            var acks = new ConcurrentDictionary<string, long>();
            var acked = 0;
            var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var serverBack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            async Task SendAll(ChatEndpoints.Session session)
            {
                var connection = await ChatEndpoints.ConnectAsync(baseAddress, session.Token);
                try
                {
                    for (var i = 0; i < PerSender; i++)
                    {
                        var id = $"{session.UserId:N}-{i}";
                        for (var attempt = 1; ; attempt++)
                        {
                            try
                            {
                                var ack = await connection.InvokeAsync<PostResult>("Send", room, id, $"{session.UserId}:{i}").WaitAsync(TimeSpan.FromSeconds(15));
                                acks[id] = ack.Seq;
                                if (Interlocked.Increment(ref acked) == Senders * PerSender / 3) killNow.TrySetResult();
                                break;
                            }
                            catch (Exception) when (attempt < 5)
                            {
                                // As the browser does: wait for the server, reconnect, send the same message id again.
                                await Wait.For(serverBack.Task, "the restarted gateway", TimeSpan.FromSeconds(90));
                                await connection.DisposeAsync();
                                connection = await ChatEndpoints.ConnectAsync(baseAddress, session.Token);
                            }
                        }
                    }
                }
                finally
                {
                    await connection.DisposeAsync();
                }
            }

            var sending = Task.WhenAll(sessions.Select(SendAll));
            await Wait.For(killNow.Task, "a third of the messages to be acknowledged");
            await first.KillAsync();
            var ackedBeforeKill = acks.ToDictionary();
            second = await ChatProcess.StartAllInOneAsync(data.Path, port);
            serverBack.TrySetResult();
            await Wait.For(sending, "every sender to finish", TimeSpan.FromSeconds(120));

            foreach (var session in sessions)
            {
                await using var reader = await ChatEndpoints.ConnectAsync(baseAddress, session.Token);
                var history = new List<RoomEvent>();
                long after = 0;
                while (true)
                {
                    var page = await reader.InvokeAsync<EventPage>("CatchUp", room, after);
                    if (page.Events.Count == 0) break;
                    history.AddRange(page.Events);
                    after = page.Events[^1].Seq;
                }

                // The joins of every sender but the owner (system lines), then the messages, without a gap.
                var joins = Senders - 1;
                Assert.Equal(Enumerable.Range(1, joins + Senders * PerSender).Select(i => (long)i), history.Select(e => e.Seq));
                Assert.All(history.Take(joins), e => Assert.Equal(RoomEventKinds.Member, e.Kind));
                var messages = history.Skip(joins).ToList();
                Assert.All(messages, e => Assert.Equal(RoomEventKinds.Message, e.Kind));
                var byClientId = messages.ToDictionary(e => e.ClientMsgId);
                foreach (var (id, seq) in acks) Assert.Equal(seq, byClientId[id].Seq);
                foreach (var (id, seq) in ackedBeforeKill) Assert.Equal(seq, byClientId[id].Seq);
                foreach (var s in sessions)
                {
                    Assert.Equal(
                        Enumerable.Range(0, PerSender).Select(i => $"{s.UserId}:{i}"),
                        messages.Where(e => e.AuthorId == s.UserId).Select(e => e.Text));
                }
            }
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }
}
