using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Grains.Search;
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
    public async Task TheLog_IsCopiedIntoTheDatabaseFile_SoonAfterACommit_OffTheWritersThread()
    {
        // A few dozen pages: far below the writer's automatic checkpoint (10,000), so only the checkpointer copies them.
        var path = Path.Combine(_directory, "checkpointed.db");
        await using var store = new SqliteRoomEventStore(new SqliteDatabase(path), NullLogger<SqliteRoomEventStore>.Instance, TimeSpan.FromMilliseconds(1));
        var before = new FileInfo(path).Length;
        var grown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check() { if (new FileInfo(path).Length > before) grown.TrySetResult(); }
        using var watcher = new FileSystemWatcher(_directory, "checkpointed.db") { NotifyFilter = NotifyFilters.Size | NotifyFilters.LastWrite };
        watcher.Changed += (_, _) => Check();
        watcher.EnableRaisingEvents = true;

        var room = NewRoom();
        var text = new string('x', 1000);
        Assert.Equal(AppendOutcome.Stored, await store.AppendAsync(room, [.. Enumerable.Range(1, 100).Select(seq => Message(seq) with { Text = text })]));
        Check();

        await Wait.For(grown.Task, "the checkpointer to copy the log into the database file");
        Assert.Equal(100, (await store.ReadAfterAsync(room, 0, 200)).Count);
        using (var connection = new SqliteConnection(new SqliteDatabase(path).ConnectionString)) SqliteConnection.ClearPool(connection);
    }

    [Fact]
    public async Task AFileFromBeforeSearch_GetsItsIndexFilledWithTheStoredMessages_WhenOpened()
    {
        var room = NewRoom();
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        var file = new FileAttachment(Guid.NewGuid().ToString("N"), $"{word}.pdf", 1000, "application/pdf");
        await Store.AppendAsync(room, [Message(1) with { Text = $"old {word}" }, Message(2) with { Text = $"deleted {word}" }]);
        await Store.AppendAsync(room, [Change(3, RoomEventKinds.Delete, 2, ""), Message(4) with { Text = "", Attachment = file }]);
        using (var old = new SqliteDatabase(DatabasePath).Open())
        {
            // Back to the tables of a file written before search existed.
            using var drop = old.CreateCommand();
            drop.CommandText = "DROP TABLE message_search; DROP INDEX room_events_search_row; ALTER TABLE room_events DROP COLUMN search_row;";
            drop.ExecuteNonQuery();
        }

        var reopened = CreateStore();
        var found = await reopened.SearchAsync(new MessageSearch([room], [word], [], null, null, null, null, 20, TimeSpan.FromSeconds(10)));
        await ((IAsyncDisposable)reopened).DisposeAsync();

        // The file's message is found by its name, and the older message after it (newest first).
        Assert.Equal([4L, 1L], found.Select(f => f.Seq));
    }

    [Fact]
    public async Task AFileWithTheSearchRowMap_HasItsRowidsMovedIntoTheEvents_AndKeepsFindingItsMessages()
    {
        var path = Path.Combine(_directory, "rowmap.db");
        Directory.CreateDirectory(_directory);
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        using (var old = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            // The layout of the first search release: a row map (room, seq) whose row is the FTS5 rowid, indexed the
            // way its writer indexed: the map's row first, then the text under last_insert_rowid().
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = $"""
                CREATE TABLE room_events (room_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, author_id TEXT NOT NULL,
                    author_name TEXT NOT NULL, client_msg_id TEXT NOT NULL, body TEXT NOT NULL, target_seq INTEGER NULL,
                    created_at INTEGER NOT NULL, edited_at INTEGER NULL, deleted INTEGER NOT NULL DEFAULT 0, reactions TEXT NULL,
                    pinned INTEGER NOT NULL DEFAULT 0, attachment TEXT NULL, PRIMARY KEY (room_id, seq)) WITHOUT ROWID;
                CREATE TABLE message_search_rows (row INTEGER PRIMARY KEY, room_id TEXT NOT NULL, seq INTEGER NOT NULL);
                CREATE UNIQUE INDEX message_search_rows_key ON message_search_rows (room_id, seq);
                CREATE VIRTUAL TABLE message_search USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
                INSERT INTO message_search (message_search, rank) VALUES ('secure-delete', 1);
                INSERT INTO room_events (room_id, seq, kind, author_id, author_name, client_msg_id, body, target_seq, created_at) VALUES
                    ('old-room', 1, 'message', '5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001', 'Alice', 'c-1', 'first {word}', NULL, 1000),
                    ('old-room', 2, 'message', '5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001', 'Alice', 'c-2', 'second {word}', NULL, 2000),
                    ('other-room', 1, 'message', '5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001', 'Alice', 'c-3', 'third {word}', NULL, 3000);
                INSERT INTO message_search_rows (room_id, seq) VALUES ('old-room', 1);
                INSERT INTO message_search (rowid, text) VALUES (last_insert_rowid(), 'first {word}');
                INSERT INTO message_search_rows (room_id, seq) VALUES ('old-room', 2);
                INSERT INTO message_search (rowid, text) VALUES (last_insert_rowid(), 'second {word}');
                INSERT INTO message_search_rows (room_id, seq) VALUES ('other-room', 1);
                INSERT INTO message_search (rowid, text) VALUES (last_insert_rowid(), 'third {word}');
                """;
            create.ExecuteNonQuery();
        }
        Task<IReadOnlyList<FoundMessage>> Search(IRoomEventStore store, string term) =>
            store.SearchAsync(new MessageSearch(["old-room", "other-room"], [term], [], null, null, null, null, 20, TimeSpan.FromSeconds(10)));

        using (var database = new SqliteDatabase(path))
        await using (var store = new SqliteRoomEventStore(database, NullLogger<SqliteRoomEventStore>.Instance))
        {
            Assert.Equal([("other-room", 1L), ("old-room", 2L), ("old-room", 1L)], (await Search(store, word)).Select(f => (f.RoomId, f.Seq)));
            Assert.Equal("first " + word, SearchText.FromMarked((await Search(store, "first"))[0].MarkedSnippet).Text);

            Assert.Equal(AppendOutcome.Stored, await store.AppendAsync("old-room", [Message(3) with { Text = $"fourth {word}", At = DateTimeOffset.FromUnixTimeMilliseconds(4000) }]));
            // Edits and deletes of the old messages reach their index rows through the rowids moved into the events.
            Assert.Equal(AppendOutcome.Stored, await store.AppendAsync("old-room", [Change(4, RoomEventKinds.Edit, 1, "renamed"), Change(5, RoomEventKinds.Delete, 2, "")]));

            Assert.Equal([("old-room", 3L), ("other-room", 1L)], (await Search(store, word)).Select(f => (f.RoomId, f.Seq)));
            Assert.Equal(1L, Assert.Single(await Search(store, "renamed")).Seq);
            Assert.Empty(await Search(store, "second"));
        }

        // Opened again, the file is left as it is and keeps working.
        using (var database = new SqliteDatabase(path))
        await using (var store = new SqliteRoomEventStore(database, NullLogger<SqliteRoomEventStore>.Instance))
        {
            Assert.Equal(AppendOutcome.Stored, await store.AppendAsync("other-room", [Message(2) with { Text = $"fifth {word}", At = DateTimeOffset.FromUnixTimeMilliseconds(5000) }]));
            Assert.Equal([("other-room", 2L), ("old-room", 3L), ("other-room", 1L)], (await Search(store, word)).Select(f => (f.RoomId, f.Seq)));
            using var connection = database.Open();
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'message_search_rows%'";
            Assert.Equal(0L, (long)tables.ExecuteScalar()!);
            SqliteConnection.ClearPool(connection);
        }
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
