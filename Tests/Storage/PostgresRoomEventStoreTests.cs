using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>The contract on a real PostgreSQL server started for this class, in a database of its own.</summary>
public sealed class PostgresRoomEventStoreTests(PostgresRoomEventStoreTests.Database database)
    : RoomEventStoreContract, IClassFixture<PostgresRoomEventStoreTests.Database>
{
    protected override IRoomEventStore CreateStore() =>
        new PostgresRoomEventStore(database.ConnectionString, NullLogger<PostgresRoomEventStore>.Instance);

    protected override Grains.Files.IFileStore CreateFileStore() => new Grains.Files.PostgresFileStore(database.ConnectionString);

    protected override GroupCommitter CommitterOf(IRoomEventStore store) => ((PostgresRoomEventStore)store).Committer;

    // An uncommitted row with the same key makes the writer's insert wait for this transaction's outcome.
    protected override async Task<IAsyncDisposable> HoldWriterAsync(string roomId)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO room_events VALUES ($1, 1, 'message', gen_random_uuid(), 'holder', 'holder', 'holder', NULL, now())", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
            await insert.ExecuteNonQueryAsync();
        }
        return new Rollback(transaction, connection);
    }

    protected override async Task<IAsyncDisposable> HoldSearchesAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("LOCK TABLE room_events IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await hold.ExecuteNonQueryAsync();
        }
        return new Rollback(transaction, connection);
    }

    protected override async Task<long> CountRowsContainingAsync(string text)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM room_events WHERE strpos(body, $1) > 0 OR strpos(coalesce(reactions, ''), $1) > 0 OR strpos(author_name, $1) > 0", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task GroupCommit_WithAChangeAndAConflictingRoomBatch_StoresTheChangeWithItsTargetUpdate()
    {
        var blocker = NewRoom();
        var changed = NewRoom();
        var conflicting = NewRoom();
        await Store.AppendAsync(changed, Messages(1, 2));
        await Store.AppendAsync(conflicting, Messages(1, 2));

        Task<AppendOutcome> blocked, edit, conflict;
        await using (await HoldWriterAsync(blocker))
        {
            blocked = Store.AppendAsync(blocker, [Message(1)]);
            edit = Store.AppendAsync(changed, [Change(3, RoomEventKinds.Edit, 1, "edited")]);
            conflict = Store.AppendAsync(conflicting, [Change(2, RoomEventKinds.Delete, 1, "")]);
        }

        Assert.Equal(AppendOutcome.Stored, await blocked);
        Assert.Equal(AppendOutcome.Stored, await edit);
        Assert.Equal(AppendOutcome.Conflict, await conflict);
        Assert.Equal("edited", (await Store.ReadAfterAsync(changed, 0, 1))[0].Text);
        Assert.Equal(Messages(1, 2), await Store.ReadAfterAsync(conflicting, 0, 10));
    }

    [Fact]
    public async Task Append_OfTextPostgresCannotStore_FailsThatRoomOnly()
    {
        var blocker = NewRoom();
        var bad = NewRoom();
        var good = NewRoom();

        Task<AppendOutcome> blocked, failed, stored;
        await using (await HoldWriterAsync(blocker))
        {
            blocked = Store.AppendAsync(blocker, [Message(1)]);
            failed = Store.AppendAsync(bad, [Message(1) with { Text = "nul \0 character" }]);
            stored = Store.AppendAsync(good, [Message(1)]);
        }

        Assert.Equal(AppendOutcome.Stored, await blocked);
        var error = await Assert.ThrowsAsync<PostgresException>(() => failed);
        Assert.StartsWith("22", error.SqlState, StringComparison.Ordinal);
        Assert.Equal(AppendOutcome.Stored, await stored);
        Assert.Equal(0, await LastSeqAsync(Store, bad));
        Assert.Equal(1, await LastSeqAsync(Store, good));
    }

    [Fact]
    public async Task EnsureSchema_RunConcurrentlyAndRepeatedly_CreatesTheSchemaOnce()
    {
        var fresh = await database.Server.CreateDatabaseAsync("schema_" + Guid.NewGuid().ToString("N"));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.EnsureSchemaAsync(fresh)));
        await PostgresSchema.EnsureSchemaAsync(fresh);

        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version", connection);
        Assert.Equal(string.Join(',', Enumerable.Range(1, PostgresSchema.Version)), await versions.ExecuteScalarAsync());
        await using var events = new NpgsqlCommand("SELECT count(*) FROM room_events", connection);
        Assert.Equal(0L, await events.ExecuteScalarAsync());
    }

    [Fact]
    public async Task FindByClientId_IsAPointLookupInTheClientLedIndex()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        // The test's table is small, where a scan of it is cheaper: the question is which index serves the lookup.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off", connection)) await off.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + PostgresRoomEventStore.FindByClientIdSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "room" });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "client" });
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        }

        var text = string.Join('\n', plan);
        // All three columns in the index condition: one seek, no filter over the room's rows.
        Assert.True(text.Contains("Index Scan using room_events_client_msg_id on room_events", StringComparison.Ordinal), text);
        Assert.Contains("client_msg_id = ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Filter", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSchema_OnADatabaseWithTheRoomLedIndex_PutsTheClientLedOneInItsPlace_AndAnOldRetryIsStillADuplicate()
    {
        var old = await database.Server.CreateDatabaseAsync("client_index_" + Guid.NewGuid().ToString("N"));
        await PostgresSchema.EnsureSchemaAsync(old);
        var room = NewRoom();
        var author = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(old))
        {
            // Back to schema version 10: the unique key of earlier releases, and rows stored under it.
            await connection.OpenAsync();
            await using var back = new NpgsqlCommand($"""
                ALTER TABLE room_events DROP CONSTRAINT room_events_client_msg_id;
                ALTER TABLE room_events ADD CONSTRAINT room_events_client_msg UNIQUE (room_id, author_id, client_msg_id);
                DELETE FROM schema_version WHERE version > 10;
                INSERT INTO room_events (room_id, seq, kind, author_id, author_name, client_msg_id, body, target_seq, created_at) VALUES
                    ('{room}', 1, 'message', '{author}', 'Alice', '8d3c0a4e-0b7e-4e0c-9f7a-3c1f2b6d9e01', 'first', NULL, now()),
                    ('{room}', 2, 'message', '{author}', 'Alice', '8d3c0a4e-0b7e-4e0c-9f7a-3c1f2b6d9e02', 'second', NULL, now());
                """, connection);
            await back.ExecuteNonQueryAsync();
        }

        await PostgresSchema.EnsureSchemaAsync(old);

        await using (var connection = new NpgsqlConnection(old))
        {
            await connection.OpenAsync();
            await using var constraints = new NpgsqlCommand("""
                SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint
                WHERE conrelid = 'room_events'::regclass AND contype = 'u'
                """, connection);
            Assert.Equal("room_events_client_msg_id UNIQUE (client_msg_id, room_id, author_id)", await constraints.ExecuteScalarAsync());
        }
        var store = new PostgresRoomEventStore(old, NullLogger<PostgresRoomEventStore>.Instance);
        try
        {
            Assert.Equal(1L, (await store.FindByClientIdAsync(room, author, "8d3c0a4e-0b7e-4e0c-9f7a-3c1f2b6d9e01"))?.Seq);
            // A retry of the old message as a new event (the tail no longer holds it) is refused by the new constraint.
            var retry = new RoomEvent(3, RoomEventKinds.Message, author, "Alice", "8d3c0a4e-0b7e-4e0c-9f7a-3c1f2b6d9e01", "first", null, DateTimeOffset.UtcNow);
            Assert.Equal(AppendOutcome.Conflict, await store.AppendAsync(room, [retry]));
            Assert.Equal(AppendOutcome.Stored, await store.AppendAsync(room, [retry with { ClientMsgId = Guid.CreateVersion7().ToString() }]));
            Assert.Equal(3, (await store.ReadAfterAsync(room, 0, 10)).Count);
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>One PostgreSQL server and one database with the schema for the whole test class.</summary>
    public sealed class Database : IAsyncLifetime
    {
        public PostgresServer Server { get; } = new();

        public string ConnectionString { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Server).InitializeAsync();
            ConnectionString = await Server.CreateDatabaseAsync("room_events_tests");
            await PostgresSchema.EnsureSchemaAsync(ConnectionString);
        }

        public Task DisposeAsync() => Server.DisposeAsync().AsTask();
    }

    private sealed class Rollback(NpgsqlTransaction transaction, NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
