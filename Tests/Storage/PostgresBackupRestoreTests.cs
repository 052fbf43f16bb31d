using System.Diagnostics;
using Npgsql;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh on the cluster's PostgreSQL: a dump taken while a silo serves, restored
/// after the silo stopped, and the room's sequence continuing above the floor the restore records.
/// </summary>
public sealed class PostgresBackupRestoreTests(PostgresClusterTests.Server server) : IClassFixture<PostgresClusterTests.Server>
{
    private const string Password = "backup and restore 42";

    [Fact]
    public async Task RestoreOfAnOnlineDump_BringsBackTheChat_AndTheSequenceContinuesAboveWhatClientsHold()
    {
        var name = $"backup_{Guid.NewGuid():N}"[..20];
        var database = await server.Postgres.CreateDatabaseAsync(name);
        var conninfo = $"host=127.0.0.1 port={server.Postgres.Port} user=postgres dbname={name}";
        var cluster = $"c_{Guid.NewGuid():N}"[..20];
        using var temp = new TempDirectory("orleanschat-pgbackup");
        var backup = temp.File("backup");
        var owner = Guid.NewGuid();
        var reader = Guid.NewGuid();
        var late = Guid.NewGuid();
        string room;
        long lastSeqHeld;
        string lateName;

        await using (var silo = await PostgresSilo.StartSiloAsync(database, cluster))
        {
            var grains = silo.Client;
            await grains.GetGrain<IUserGrain>(owner).EnsureProfile();
            await grains.GetGrain<IUserGrain>(owner).SetPassword(null, Password, "127.0.0.1", Guid.Empty);
            await grains.GetGrain<IUserGrain>(reader).EnsureProfile();
            room = (await grains.GetGrain<IUserGrain>(owner).CreateRoom($"Dump {Guid.NewGuid().ToString("N")[..8]}", isPrivate: false)).Room.Id;
            await grains.GetGrain<IUserGrain>(reader).JoinRoom(room);
            for (var i = 1; i <= 5; i++) await grains.GetGrain<IRoomGrain>(room).Post(owner, $"b{i}", $"before {i}");
            await grains.GetGrain<IUserGrain>(reader).MarkRead(room, 3);

            var (dumped, dumpOutput) = await Script("backup.sh", "postgres", backup, conninfo);
            Assert.True(dumped == 0, dumpOutput);
            // Joins after the dump: the member rows are restored to the dump's, without this one.
            lateName = (await grains.GetGrain<IUserGrain>(late).EnsureProfile()).Name;
            await grains.GetGrain<IUserGrain>(late).JoinRoom(room);
            lastSeqHeld = 0;
            for (var i = 1; i <= 5; i++) lastSeqHeld = (await grains.GetGrain<IRoomGrain>(room).Post(owner, $"a{i}", $"after {i}")).Seq;

            var (refused, refusedOutput) = await Script("restore.sh", "postgres", backup, conninfo);
            Assert.Equal(1, refused);
            Assert.Contains("stop every silo and gateway first", refusedOutput, StringComparison.Ordinal);
            await silo.StopAsync();
        }
        // A stopped process has no connections; this test process keeps Npgsql's pools unless told.
        NpgsqlConnection.ClearAllPools();

        var (restored, restoreOutput) = await Script("restore.sh", "postgres", backup, conninfo);
        Assert.True(restored == 0, restoreOutput);

        await using var again = await PostgresSilo.StartSiloAsync(database, cluster);
        var client = again.Client;
        Assert.True((await client.GetGrain<IUserGrain>(owner).VerifyPassword(Password, "127.0.0.1")).Ok);
        var history = await client.GetGrain<IRoomGrain>(room).GetEventsAfter(reader, 0, 100);
        // The reader's join (a system line, event 1), then the messages.
        Assert.Equal(RoomEventKinds.Member, history.Events[0].Kind);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"before {i}"), history.Events.Skip(1).Select(e => e.Text));
        Assert.Equal(new[] { owner, reader }.Order(), (await client.GetGrain<IRoomGrain>(room).AllMembers(reader)).Select(m => m.UserId).Order());
        // The name index as dumped: the reader's name is found, the late user's (created after the dump) is not.
        var readerName = (await client.GetGrain<IUserGrain>(reader).GetProfile())!.Name;
        Assert.Contains(await client.GetGrain<IUserIndexGrain>(UserNames.IndexShard(readerName)).Search(readerName, 20), m => m.UserId == reader);
        Assert.DoesNotContain(await client.GetGrain<IUserIndexGrain>(UserNames.IndexShard(lateName)).Search(lateName, 20), m => m.UserId == late);
        var listing = (await client.GetGrain<IUserGrain>(reader).GetRooms()).Single(l => l.Room.Id == room);
        // Read up to event 3 ("before 2"): three messages unread, not the numbers the restore skipped up to the floor.
        Assert.Equal(3, listing.Unread);

        // A client still holds seq 7..11 from before the restore: the next message is numbered above them.
        Assert.Empty((await client.GetGrain<IRoomGrain>(room).GetEventsAfter(reader, lastSeqHeld, 100)).Events);
        var fresh = await client.GetGrain<IRoomGrain>(room).Post(reader, "new", "after the restore");
        Assert.True(fresh.Seq > lastSeqHeld);
        Assert.Equal(["after the restore"], (await client.GetGrain<IRoomGrain>(room).GetEventsAfter(reader, lastSeqHeld, 100)).Events.Select(e => e.Text));
    }

    private static async Task<(int ExitCode, string Output)> Script(string script, params string[] args)
    {
        var info = new ProcessStartInfo("bash");
        info.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", script));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return await Repository.RunToExitAsync(info, TimeSpan.FromSeconds(60));
    }
}
