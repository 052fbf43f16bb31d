using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>
/// The unique index that makes a retry of any age idempotent, on real SQLite files: led by the client id, used by
/// FindByClientIdAsync, and put in place of the room-led index of earlier releases when a silo opens their file.
/// </summary>
public sealed class SqliteClientIndexTests : IDisposable
{
    private static readonly Guid Alice = Guid.Parse("5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001");

    private readonly TempDirectory _directory = new("orleanschat-client-index");
    private readonly List<SqliteDatabase> _databases = [];

    [Fact]
    public void FindByClientId_IsAPointLookupInTheClientLedIndex()
    {
        using var connection = Open(_directory.File("plan.db")).Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteRoomEventStore.FindByClientIdSql;
        command.Parameters.AddWithValue("$room", "room");
        command.Parameters.AddWithValue("$author", Alice.ToString());
        command.Parameters.AddWithValue("$client", "client");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var plan = reader.GetString(3);
        Assert.False(reader.Read(), "one step");

        // Every column of the index bound by equality: one seek, not a scan of the room's rows by the primary key.
        Assert.Equal("SEARCH room_events USING INDEX room_events_client_msg_id (client_msg_id=? AND room_id=? AND author_id=?)", plan);
    }

    [Fact]
    public async Task AFileWithTheRoomLedIndex_GetsTheClientLedOne_AndAnOldRetryIsStillADuplicate()
    {
        var path = _directory.File("old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            // The table and unique index of earlier releases, with rows.
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE room_events (room_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, author_id TEXT NOT NULL,
                    author_name TEXT NOT NULL, client_msg_id TEXT NOT NULL, body TEXT NOT NULL, target_seq INTEGER NULL,
                    created_at INTEGER NOT NULL, PRIMARY KEY (room_id, seq)) WITHOUT ROWID;
                CREATE UNIQUE INDEX room_events_client_msg ON room_events (room_id, author_id, client_msg_id);
                INSERT INTO room_events VALUES
                    ('old-room', 1, 'message', '5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001', 'Alice', '8d3c0a4e-0b7e-4e0c-9f7a-3c1f2b6d9e01', 'first', NULL, 1000),
                    ('old-room', 2, 'message', '5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001', 'Alice', '8d3c0a4e-0b7e-4e0c-9f7a-3c1f2b6d9e02', 'second', NULL, 2000);
                """;
            create.ExecuteNonQuery();
        }

        var database = Open(path);
        Assert.Equal(["room_events_client_msg_id"], ClientIndexes(database));
        await using var store = new SqliteRoomEventStore(database, NullLogger<SqliteRoomEventStore>.Instance);

        var found = await store.FindByClientIdAsync("old-room", Alice, "8d3c0a4e-0b7e-4e0c-9f7a-3c1f2b6d9e01");
        Assert.Equal(1L, found?.Seq);
        // A retry of the old message as a new event (the tail no longer holds it) is refused by the new index.
        var retry = new RoomEvent(3, RoomEventKinds.Message, Alice, "Alice", "8d3c0a4e-0b7e-4e0c-9f7a-3c1f2b6d9e01", "first", null,
            DateTimeOffset.FromUnixTimeMilliseconds(3000));
        Assert.Equal(AppendOutcome.Conflict, await store.AppendAsync("old-room", [retry]));
        Assert.Equal(AppendOutcome.Stored, await store.AppendAsync("old-room", [retry with { ClientMsgId = Guid.CreateVersion7().ToString() }]));
        Assert.Equal(3, (await store.ReadAfterAsync("old-room", 0, 10)).Count);
    }

    private static List<string> ClientIndexes(SqliteDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'room_events_client%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private SqliteDatabase Open(string path)
    {
        var database = new SqliteDatabase(path);
        _databases.Add(database);
        return database;
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            using (var connection = new SqliteConnection(database.ConnectionString)) SqliteConnection.ClearPool(connection);
            database.Dispose();
        }
        _directory.Dispose();
    }
}
