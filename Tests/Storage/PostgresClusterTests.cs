using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>
/// Silos and a client in this process on a real PostgreSQL server, through Orleans' ADO.NET clustering and
/// persistence providers and the project's own schema scripts (Grains/Storage/Schema).
/// </summary>
public sealed class PostgresClusterTests(PostgresClusterTests.Server server) : IClassFixture<PostgresClusterTests.Server>
{
    [Fact]
    public async Task Cluster_OnPostgres_KeepsUsersRoomsAndHistoryAcrossAFullRestart()
    {
        var database = await server.Postgres.CreateDatabaseAsync(NewName("restart"));
        var cluster = NewName("c");
        Guid userId;
        string roomId;
        await using (var silo = await PostgresSilo.StartSiloAsync(database, cluster))
        await using (var client = await PostgresSilo.StartClientAsync(database, cluster))
        {
            var user = await client.Client.GetGrain<IUserGrain>(Guid.NewGuid()).EnsureProfile();
            userId = user.UserId;
            roomId = (await client.Client.GetGrain<IUserGrain>(userId).CreateRoom("Postgres Room", isPrivate: false)).Room.Id;
            for (var i = 1; i <= 3; i++) await client.Client.GetGrain<IRoomGrain>(roomId).Post(userId, $"m{i}", $"message {i}");
        }

        await using var again = await PostgresSilo.StartSiloAsync(database, cluster);
        var profile = await again.Client.GetGrain<IUserGrain>(userId).GetProfile();
        var history = await again.Client.GetGrain<IRoomGrain>(roomId).GetEventsAfter(userId, 0, 100);

        Assert.NotNull(profile);
        Assert.Contains(roomId, profile.Rooms);
        Assert.Equal(["message 1", "message 2", "message 3"], history.Events.Select(e => e.Text));
        Assert.Equal(4, (await again.Client.GetGrain<IRoomGrain>(roomId).Post(userId, "m4", "message 4")).Seq);
    }

    [Fact]
    public async Task Membership_TwoSilos_AreActiveAndAStoppedOneIsDeclaredDead()
    {
        var database = await server.Postgres.CreateDatabaseAsync(NewName("members"));
        var cluster = NewName("c");
        await using var first = await PostgresSilo.StartSiloAsync(database, cluster);
        var second = await PostgresSilo.StartSiloAsync(database, cluster);
        try
        {
            Assert.Equal([3, 3], await StatusesAsync(database, cluster));
            var hosts = await first.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);

            await second.StopAsync();

            Assert.Equal([3, 6], await StatusesAsync(database, cluster));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task GrainStorage_WriteWithAStaleVersion_IsRefusedAndChangesNothing()
    {
        var database = await server.Postgres.CreateDatabaseAsync(NewName("etag"));
        await using var silo = await PostgresSilo.StartSiloAsync(database, NewName("c"));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ChatStorage.ProviderName);
        var grainId = GrainId.Create("test", Guid.NewGuid().ToString("N"));

        var first = new GrainState<List<string>>(["one"]);
        await storage.WriteStateAsync("test", grainId, first);
        var stale = new GrainState<List<string>>(["stale"]) { ETag = first.ETag };
        var current = new GrainState<List<string>>(["two"]) { ETag = first.ETag };
        await storage.WriteStateAsync("test", grainId, current);
        var fresh = new GrainState<List<string>>([]);
        var duplicateInsert = new GrainState<List<string>>(["again"]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("test", grainId, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("test", grainId, duplicateInsert));
        await storage.ReadStateAsync("test", grainId, fresh);
        Assert.Equal(["two"], fresh.State);
        Assert.True(fresh.RecordExists);
        Assert.Equal(current.ETag, fresh.ETag);

        await storage.ClearStateAsync("test", grainId, fresh);
        var cleared = new GrainState<List<string>>([]);
        await storage.ReadStateAsync("test", grainId, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Empty(cleared.State ?? []);
    }

    [Fact]
    public async Task Joins_WriteMemberRows_AndNeverTheRoomsGrainState()
    {
        var database = await server.Postgres.CreateDatabaseAsync(NewName("joins"));
        await using var silo = await PostgresSilo.StartSiloAsync(database, NewName("c"));
        var owner = Guid.NewGuid();
        await silo.Client.GetGrain<IUserGrain>(owner).EnsureProfile();
        var roomId = (await silo.Client.GetGrain<IUserGrain>(owner).CreateRoom($"Rows {Guid.NewGuid().ToString("N")[..8]}", isPrivate: false)).Room.Id;
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        async Task<string?> RoomStateVersion()
        {
            await using var command = new NpgsqlCommand(
                "SELECT string_agg(version::text || '@' || modified_at::text, ',') FROM orleans_storage WHERE grain_id LIKE '%' || $1", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
            return await command.ExecuteScalarAsync() as string;
        }
        async Task<long> Rows()
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM room_members WHERE room_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var before = await RoomStateVersion();
        Assert.NotNull(before);
        Assert.Equal(1, await Rows());

        var room = silo.Client.GetGrain<IRoomGrain>(roomId);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => room.Join(Guid.NewGuid(), new MemberIdentity($"Joiner {i}"))));

        Assert.Equal(11, await Rows());
        Assert.Equal(before, await RoomStateVersion());
    }

    [Fact]
    public async Task ARoomWithMembersInItsOldState_MovesThemIntoRows_AndWritesItsStateWithoutThem()
    {
        var database = await server.Postgres.CreateDatabaseAsync(NewName("legacy"));
        await using var silo = await PostgresSilo.StartSiloAsync(database, NewName("c"));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ChatStorage.ProviderName);
        var roomId = $"legacy-{Guid.NewGuid():N}"[..30];
        List<(Guid, string)> members = [.. Enumerable.Range(0, 30).Select(i => (Guid.NewGuid(), $"Old member {i:00}"))];
        await LegacyRooms.WriteAsync(storage, silo.Client, roomId, members);

        var listed = await silo.Client.GetGrain<IRoomGrain>(roomId).AllMembers(members[0].Item1);

        Assert.Equal(members.Select(m => m.Item1).Order(), listed.Select(m => m.UserId).Order());
        await using (var store = new PostgresRoomEventStore(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresRoomEventStore>.Instance))
        {
            Assert.Equal(LegacyRooms.ExpectedRows(members), (await store.ReadMembersAsync(roomId)).OrderBy(r => r.UserId));
        }
        var state = await LegacyRooms.ReadAsync(storage, silo.Client, roomId);
        Assert.Null(state.LegacyMembers);
        Assert.Equal("from before member rows", state.Topic);
    }

    [Fact]
    public async Task AUserIndexShardWithNamesInItsOldState_MovesThemIntoRows_ClearsTheState_AndDoesSoOnce()
    {
        var database = await server.Postgres.CreateDatabaseAsync(NewName("names"));
        await using var silo = await PostgresSilo.StartSiloAsync(database, NewName("c"));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ChatStorage.ProviderName);
        List<(string Name, Guid UserId)> names = [.. Enumerable.Range(0, 30).Select(i => ($"Ŧest {i:00}", Guid.NewGuid()))];
        await LegacyUserIndex.WriteAsync(storage, silo.Client, "ŧ", names);
        var shard = silo.Client.GetGrain<IUserIndexGrain>("ŧ");

        var found = await shard.Search("ŦEST 0", 20);

        Assert.Equal(names.Take(10).Select(n => new UserMatch(n.UserId, n.Name)), found);
        await using var store = new PostgresUserNameIndexStore(database);
        Assert.Equal(names.Select(n => new UserNameRow(UserNames.Normalize(n.Name), n.UserId, n.Name)), await store.SearchAsync("ŧest ", 100));
        Assert.Empty((await LegacyUserIndex.ReadAsync(storage, silo.Client, "ŧ")).State.Names);
        // Prefixes PostgreSQL cannot take as text find nothing instead of failing.
        Assert.Empty(await shard.Search("ŧ\0", 20));
        Assert.Empty(await shard.Search("ŧ\uD800", 20));

        // Moved once: a row removed since is not brought back by the next activation.
        await store.RemoveAsync(UserNames.Normalize(names[0].Name), names[0].UserId);
        await shard.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(names.Skip(1).Take(9).Select(n => n.UserId), (await shard.Search("ŧest 0", 20)).Select(m => m.UserId));
        Assert.Empty((await LegacyUserIndex.ReadAsync(storage, silo.Client, "ŧ")).State.Names);
    }

    [Fact]
    public async Task MembershipCleanup_RemovesOnlyDeadSilosRowsThatNobodyChanged()
    {
        var database = await server.Postgres.CreateDatabaseAsync(NewName("cleanup"));
        await PostgresSchema.EnsureSchemaAsync(database);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var old = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await ExecuteAsync(connection, """
            INSERT INTO orleans_membership_version (deployment_id) VALUES ('c');
            INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, start_time, i_am_alive_time)
            VALUES ('c', '127.0.0.1', 1, 1, 's1', 'h', 6, '2026-01-01Z', '2026-01-01Z'),
                   ('c', '127.0.0.1', 2, 1, 's2', 'h', 3, '2026-01-01Z', '2026-01-01Z'),
                   ('c', '127.0.0.1', 3, 1, 's3', 'h', 6, '2026-01-01Z', '2026-01-01Z'),
                   ('c', '127.0.0.1', 4, 1, 's4', 'h', 6, '2026-01-01Z', '2026-01-01Z')
            """);

        // The single-row query deletes silo 1 as read; silo 3 was changed since it was read (another heartbeat).
        var one = await QueryAsync(connection, "CleanupDefunctSiloEntryKey");
        foreach (var (port, alive) in new[] { (1, old), (3, old.AddSeconds(1)) })
        {
            await using var command = new NpgsqlCommand(one, connection);
            command.Parameters.AddWithValue("DeploymentId", "c");
            command.Parameters.AddWithValue("Address", "127.0.0.1");
            command.Parameters.AddWithValue("Port", port);
            command.Parameters.AddWithValue("Generation", 1);
            command.Parameters.AddWithValue("IAmAliveTime", alive);
            command.Parameters.AddWithValue("StartTime", old);
            command.Parameters.AddWithValue("SuspectTimes", DBNull.Value);
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal([2, 3, 4], await PortsAsync(connection));

        // The bulk query deletes dead rows older than the cutoff, never an active one.
        await using (var all = new NpgsqlCommand(await QueryAsync(connection, "CleanupDefunctSiloEntriesKey"), connection))
        {
            all.Parameters.AddWithValue("DeploymentId", "c");
            all.Parameters.AddWithValue("IAmAliveTime", old.AddDays(1));
            await all.ExecuteNonQueryAsync();
        }
        Assert.Equal([2], await PortsAsync(connection));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> QueryAsync(NpgsqlConnection connection, string key)
    {
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<int>> PortsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT port FROM orleans_membership ORDER BY port", connection);
        var ports = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ports.Add(reader.GetInt32(0));
        return ports;
    }

    private static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..20];

    private static async Task<List<int>> StatusesAsync(string database, string cluster)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM orleans_membership WHERE deployment_id = $1 ORDER BY status", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster });
        var statuses = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) statuses.Add(reader.GetInt32(0));
        return statuses;
    }

    /// <summary>One PostgreSQL server for the class; each test makes its own database.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public PostgresServer Postgres { get; } = new();

        public Task InitializeAsync() => ((IAsyncLifetime)Postgres).InitializeAsync();

        public Task DisposeAsync() => Postgres.DisposeAsync().AsTask();
    }
}
