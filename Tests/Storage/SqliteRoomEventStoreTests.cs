using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>The contract on a real SQLite file in a temporary directory of its own.</summary>
public sealed class SqliteRoomEventStoreTests : RoomEventStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orleanschat-sqlite-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "chat.db");

    protected override IRoomEventStore CreateStore() =>
        new SqliteRoomEventStore(new SqliteDatabase(DatabasePath), NullLogger<SqliteRoomEventStore>.Instance);

    protected override Grains.Files.IFileStore CreateFileStore() => new Grains.Files.SqliteFileStore(new SqliteDatabase(DatabasePath));

    protected override GroupCommitter CommitterOf(IRoomEventStore store) => ((SqliteRoomEventStore)store).Committer;

    // The writer begins every commit with BEGIN IMMEDIATE, which waits for another connection's write transaction.
    protected override Task<IAsyncDisposable> HoldWriterAsync(string roomId)
    {
        var connection = new SqliteDatabase(DatabasePath).Open();
        var transaction = connection.BeginTransaction(deferred: false);
        return Task.FromResult<IAsyncDisposable>(new Release(async () =>
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }));
    }

    // A reader in WAL mode never waits for a writer; the 20,000 matches of the timeout test take longer than its 1 ms,
    // and the progress handler checks the clock every 1,000 steps of the scan.
    protected override Task<IAsyncDisposable> HoldSearchesAsync() => Task.FromResult<IAsyncDisposable>(new Release(() => Task.CompletedTask));

    protected override Task<long> CountRowsContainingAsync(string text)
    {
        using var connection = new SqliteDatabase(DatabasePath).Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM room_events WHERE instr(body, $text) > 0 OR instr(coalesce(reactions, ''), $text) > 0 OR instr(author_name, $text) > 0";
        command.Parameters.AddWithValue("$text", text);
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task ADeletedText_IsNotInTheDatabaseFile_AfterACheckpoint()
    {
        var room = NewRoom();
        var secret = "secret-" + Guid.NewGuid().ToString("N");
        await Store.AppendAsync(room, [Message(1) with { Text = $"my password is {secret}" }, Message(2)]);
        Checkpoint();
        Assert.True(FileContains(secret), "the text is in the file before the delete");

        await Store.AppendAsync(room, [Change(3, RoomEventKinds.Delete, 1, "")]);
        Checkpoint();

        Assert.False(FileContains(secret), "the deleted text is still in the file");
    }

    [Fact]
    public async Task AFileFromBeforeSearch_GetsItsIndexFilledWithTheStoredMessages_WhenOpened()
    {
        var room = NewRoom();
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        await Store.AppendAsync(room, [Message(1) with { Text = $"old {word}" }, Message(2) with { Text = $"deleted {word}" }]);
        await Store.AppendAsync(room, [Change(3, RoomEventKinds.Delete, 2, "")]);
        using (var old = new SqliteDatabase(DatabasePath).Open())
        {
            using var drop = old.CreateCommand();
            drop.CommandText = "DROP TABLE message_search; DROP TABLE message_search_rows;";
            drop.ExecuteNonQuery();
        }

        var reopened = CreateStore();
        var found = await reopened.SearchAsync(new MessageSearch([room], [word], [], null, null, null, null, 20, TimeSpan.FromSeconds(10)));
        await ((IAsyncDisposable)reopened).DisposeAsync();

        Assert.Equal(1, Assert.Single(found).Seq);
    }

    // Copies the WAL into the database file and empties the WAL, as SQLite does on its own from time to time.
    private void Checkpoint()
    {
        using var connection = new SqliteDatabase(DatabasePath).Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(0L, reader.GetInt64(0));
    }

    private bool FileContains(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal" })
        {
            if (!File.Exists(file)) continue;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(bytes) >= 0) return true;
        }
        return false;
    }

    [Fact]
    public async Task ADatabaseFileOfTheEarlierSchema_GetsTheNewColumns_AndKeepsItsEvents()
    {
        var path = Path.Combine(_directory, "old.db");
        Directory.CreateDirectory(_directory);
        using (var old = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE room_events (room_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, author_id TEXT NOT NULL,
                    author_name TEXT NOT NULL, client_msg_id TEXT NOT NULL, body TEXT NOT NULL, target_seq INTEGER NULL,
                    created_at INTEGER NOT NULL, PRIMARY KEY (room_id, seq)) WITHOUT ROWID;
                INSERT INTO room_events VALUES ('old-room', 1, 'message', '5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001', 'Alice', 'c-1', 'from before', NULL, 1000);
                """;
            create.ExecuteNonQuery();
        }

        await using var store = new SqliteRoomEventStore(new SqliteDatabase(path), NullLogger<SqliteRoomEventStore>.Instance);
        Assert.Equal("from before", Assert.Single(await store.ReadAfterAsync("old-room", 0, 10)).Text);
        Assert.Equal(AppendOutcome.Stored, await store.AppendAsync("old-room", [Change(2, RoomEventKinds.Edit, 1, "after")]));
        var events = await store.ReadAfterAsync("old-room", 0, 10);
        Assert.Equal("after", events[0].Text);
        Assert.NotNull(events[0].EditedAt);
        var file = new FileAttachment("0123456789abcdef0123456789abcdef", "plan.pdf", 1234, "application/pdf");
        Assert.Equal(AppendOutcome.Stored, await store.AppendAsync("old-room", [Message(3) with { Attachment = file }]));
        Assert.Equal(file, (await store.ReadAfterAsync("old-room", 2, 10))[0].Attachment);
        using (var connection = new SqliteConnection(new SqliteDatabase(path).ConnectionString)) SqliteConnection.ClearPool(connection);
    }

    protected override Task DeleteDatabaseAsync()
    {
        using (var connection = new SqliteConnection(new SqliteDatabase(DatabasePath).ConnectionString))
            SqliteConnection.ClearPool(connection);
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
