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
