using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// The all-in-one process is backed up while it serves (<c>backup FILE</c>), chats on, is stopped and restored
/// (<c>restore FILE</c>) and started again on the same data directory.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string Password = "backup and restore 42";

    [Fact]
    public async Task RestoreOfAnOnlineBackup_BringsBackTheChat_AndNewMessagesAreNotDroppedAsDuplicates()
    {
        using var temp = new TempDirectory("orleanschat-backup");
        var dataDirectory = temp.File("data");
        var backup = temp.File("orleanschat-backup.db");
        var dataSetting = $"--Chat:DataDirectory={dataDirectory}";
        var port = FreePort.Next();
        var first = await ChatProcess.StartAllInOneAsync(dataDirectory, port);
        var baseAddress = first.HttpAddress;
        ChatProcess? second = null;
        try
        {
            var owner = await ChatEndpoints.NewSessionAsync(baseAddress);
            var reader = await ChatEndpoints.NewSessionAsync(baseAddress);
            string room;
            long lastSeqHeld;
            ChatEndpoints.Session late;
            await using (var ownerConnection = await ChatEndpoints.ConnectAsync(baseAddress, owner.Token))
            await using (var readerConnection = await ChatEndpoints.ConnectAsync(baseAddress, reader.Token))
            {
                await ownerConnection.InvokeAsync("SetPassword", null, Password);
                room = (await ownerConnection.InvokeAsync<JoinResult>("CreateRoom", $"Backup {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
                await readerConnection.InvokeAsync<JoinResult>("JoinRoom", room);
                for (var i = 1; i <= 5; i++) await Send(ownerConnection, room, $"before {i}");
                await readerConnection.InvokeAsync("MarkRead", room, 3L);

                // Online: a sender keeps posting while the backup runs.
                using var stop = new CancellationTokenSource();
                var sentDuring = 0;
                var firstDuring = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var sending = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await Send(readerConnection, room, $"during {++sentDuring}");
                        firstDuring.TrySetResult();
                    }
                });
                await Wait.For(firstDuring.Task, "a message sent while the backup runs");
                var (backedUp, backupOutput) = await ChatProcess.RunGatewayCommandAsync("backup", backup, dataSetting);
                await stop.CancelAsync();
                await sending;
                Assert.True(backedUp == 0, backupOutput);

                // Joins after the backup: the member rows (and the name index) are restored to the backup's, without this one.
                late = await ChatEndpoints.NewSessionAsync(baseAddress);
                await using (var lateConnection = await ChatEndpoints.ConnectAsync(baseAddress, late.Token))
                {
                    await lateConnection.InvokeAsync<JoinResult>("JoinRoom", room);
                }

                // After the backup: lost by the restore, but a client has seen them.
                for (var i = 1; i <= 10; i++) lastSeqHeld = (await Send(ownerConnection, room, $"after {i}")).Seq;
                lastSeqHeld = (await Send(ownerConnection, room, "the last one before the restore")).Seq;
            }

            var (refused, refusedOutput) = await ChatProcess.RunGatewayCommandAsync("restore", backup, dataSetting);
            Assert.Equal(1, refused);
            Assert.Contains("stop the gateway first", refusedOutput, StringComparison.Ordinal);

            await first.TerminateAsync(TimeSpan.FromSeconds(15));
            var (restored, restoreOutput) = await ChatProcess.RunGatewayCommandAsync("restore", backup, dataSetting);
            Assert.True(restored == 0, restoreOutput);
            second = await ChatProcess.StartAllInOneAsync(dataDirectory, port);

            // The account: its password logs in as the same user.
            using (var http = new HttpClient { BaseAddress = baseAddress })
            {
                var login = await http.PostAsJsonAsync("/api/login", new { name = owner.Name, password = Password });
                login.EnsureSuccessStatusCode();
                Assert.Equal(owner.UserId, (await login.Content.ReadFromJsonAsync<ChatEndpoints.Session>())!.UserId);
            }

            await using var readerAgain = await ChatEndpoints.ConnectAsync(baseAddress, reader.Token);
            // The messages: the backup's snapshot, gap-free from 1, with what was sent before it and some sent during it.
            var history = await CatchUpAll(readerAgain, room, 0);
            var restoredSeq = history[^1].Seq;
            Assert.Equal(Enumerable.Range(1, (int)restoredSeq).Select(i => (long)i), history.Select(e => e.Seq));
            Assert.Equal(RoomEventKinds.Member, history[0].Kind); // the reader's join
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"before {i}"), history.Skip(1).Take(5).Select(e => e.Text));
            Assert.All(history.Skip(6), e => Assert.StartsWith("during ", e.Text, StringComparison.Ordinal));
            Assert.True(restoredSeq < lastSeqHeld);

            // The name index: users are found by name as the backup had them.
            Assert.Contains(await readerAgain.InvokeAsync<UserMatch[]>("SearchUsers", owner.Name), m => m.UserId == owner.UserId);
            Assert.DoesNotContain(await readerAgain.InvokeAsync<UserMatch[]>("SearchUsers", late.Name), m => m.UserId == late.UserId);

            // The members and the read marker.
            var members = await readerAgain.AllMembersAsync(room);
            Assert.Equal(new[] { owner.UserId, reader.UserId }.Order(), members.Select(m => m.UserId).Order());
            var receipts = await readerAgain.InvokeAsync<IReadOnlyList<ReadReceipt>>("Receipts", room);
            Assert.Contains(receipts, r => r.UserId == reader.UserId && r.Seq == 3);
            // Unread counts the messages of others after the marker (event 3, "before 2"): the owner's last three, not the
            // reader's own messages sent during the backup, nor the numbers the restore skips.
            var listing = (await readerAgain.InvokeAsync<IReadOnlyList<RoomListing>>("MyRooms")).Single(l => l.Room.Id == room);
            Assert.Equal(3, listing.Unread);

            // A client that saw numbers the restore took back reconnects: its catch-up finds nothing new, and the next
            // message gets a number above everything it holds, so it is delivered rather than dropped as a duplicate.
            await using var holder = await ChatClient.ConnectAsync(baseAddress, owner);
            var join = await holder.JoinAsync(room);
            Assert.True(join.LastSeq >= lastSeqHeld);
            Assert.Empty((await holder.Connection.InvokeAsync<EventPage>("CatchUp", room, lastSeqHeld)).Events);
            var fresh = await Send(readerAgain, room, "after the restore");
            Assert.True(fresh.Seq > lastSeqHeld);
            await holder.WaitUntil(c => c.Received(room).Any(e => e.Seq == fresh.Seq), "the new message pushed to the client");
            var caughtUp = await CatchUpAll(holder.Connection, room, lastSeqHeld);
            Assert.Equal(["after the restore"], caughtUp.Select(e => e.Text));

        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }

    private static Task<PostResult> Send(HubConnection connection, string room, string text) =>
        connection.InvokeAsync<PostResult>("Send", room, Guid.NewGuid().ToString(), text);

    private static async Task<List<RoomEvent>> CatchUpAll(HubConnection connection, string room, long after)
    {
        var events = new List<RoomEvent>();
        while (true)
        {
            var page = await connection.InvokeAsync<EventPage>("CatchUp", room, after);
            if (page.Events.Count == 0) return events;
            events.AddRange(page.Events);
            after = page.Events[^1].Seq;
        }
    }
}
