using Microsoft.Data.Sqlite;

namespace OrleansChat.Grains.Storage;

/// <summary>The embedded database file: connection settings and schema shared by the SQLite stores.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS room_events (
            room_id       TEXT    NOT NULL,
            seq           INTEGER NOT NULL,
            kind          TEXT    NOT NULL,
            author_id     TEXT    NOT NULL,
            author_name   TEXT    NOT NULL,
            client_msg_id TEXT    NOT NULL,
            body          TEXT    NOT NULL,
            target_seq    INTEGER NULL,
            created_at    INTEGER NOT NULL,
            edited_at     INTEGER NULL,
            deleted       INTEGER NOT NULL DEFAULT 0,
            reactions     TEXT    NULL,
            pinned        INTEGER NOT NULL DEFAULT 0,
            attachment    TEXT    NULL,
            search_row    INTEGER NULL,
            PRIMARY KEY (room_id, seq)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS room_events_client_msg_id ON room_events (client_msg_id, room_id, author_id);
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            etag       TEXT NOT NULL,
            data       BLOB NOT NULL,
            PRIMARY KEY (grain_type, grain_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS files (
            id           TEXT    NOT NULL PRIMARY KEY,
            room_id      TEXT    NOT NULL,
            owner_id     TEXT    NOT NULL,
            name         TEXT    NOT NULL,
            content_type TEXT    NOT NULL,
            size         INTEGER NOT NULL,
            thumb_size   INTEGER NULL,
            created_at   INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS files_owner ON files (owner_id);
        CREATE TABLE IF NOT EXISTS file_chunks (
            file_id TEXT    NOT NULL,
            variant INTEGER NOT NULL,
            part    INTEGER NOT NULL,
            data    BLOB    NOT NULL,
            PRIMARY KEY (file_id, variant, part)
        );
        CREATE TABLE IF NOT EXISTS sequence_floor (
            id    INTEGER PRIMARY KEY CHECK (id = 1),
            floor INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS room_members (
            room_id     TEXT    NOT NULL,
            user_id     TEXT    NOT NULL,
            name        TEXT    NOT NULL,
            role        TEXT    NOT NULL,
            joined_at   INTEGER NOT NULL,
            avatar      INTEGER NOT NULL DEFAULT 0,
            status      TEXT    NULL,
            last_active INTEGER NULL,
            PRIMARY KEY (room_id, user_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS user_names (
            key     TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            name    TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    private readonly SqliteConnection _keeper;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) System.IO.Directory.CreateDirectory(directory);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        // Held open for the life of the process (not pooled): while it is, a restore cannot take the file's exclusive
        // lock and refuses to run (SqliteBackup.Restore).
        _keeper = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        _keeper.Open();
        using var command = _keeper.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        MigrateMessageChanges(_keeper);
        DropRoomLedClientIndex(_keeper);
        SqliteSearchIndex.Migrate(_keeper);
    }

    // A file created before edits, deletes, reactions and pins has room_events without the columns of a message's
    // current state: they are added (ALTER TABLE ... ADD COLUMN keeps the rows and fills in the defaults). The indexes
    // are partial, so plain messages (no target, not pinned) cost nothing more to insert.
    private static void MigrateMessageChanges(SqliteConnection connection)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('room_events')";
            using var reader = info.ExecuteReader();
            while (reader.Read()) columns.Add(reader.GetString(0));
        }
        using var transaction = connection.BeginTransaction(deferred: false);
        using var migrate = connection.CreateCommand();
        migrate.Transaction = transaction;
        var sql = new System.Text.StringBuilder();
        if (!columns.Contains("edited_at")) sql.Append("ALTER TABLE room_events ADD COLUMN edited_at INTEGER NULL;");
        if (!columns.Contains("deleted")) sql.Append("ALTER TABLE room_events ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;");
        if (!columns.Contains("reactions")) sql.Append("ALTER TABLE room_events ADD COLUMN reactions TEXT NULL;");
        if (!columns.Contains("pinned")) sql.Append("ALTER TABLE room_events ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;");
        // Shared files (the message's attachment, JSON): a file created before them gets the column, empty.
        if (!columns.Contains("attachment")) sql.Append("ALTER TABLE room_events ADD COLUMN attachment TEXT NULL;");
        sql.Append("""
            CREATE INDEX IF NOT EXISTS room_events_target ON room_events (room_id, target_seq) WHERE target_seq IS NOT NULL;
            CREATE INDEX IF NOT EXISTS room_events_pinned ON room_events (room_id, seq) WHERE pinned = 1;
            """);
        migrate.CommandText = sql.ToString();
        migrate.ExecuteNonQuery();
        transaction.Commit();
    }

    // A file of an earlier release has the unique index of retries led by the room: (room_id, author_id, client_msg_id).
    // Its entries of a room sit in that room's part of the index and the ids are random, so a group commit of N rooms
    // dirtied N pages of it; the schema above has created its replacement led by the client id (time-ordered ids from
    // every room land on the rightmost pages), which guarantees the same uniqueness, so the old one only costs writes.
    private static void DropRoomLedClientIndex(SqliteConnection connection)
    {
        using var drop = connection.CreateCommand();
        drop.CommandText = "DROP INDEX IF EXISTS room_events_client_msg";
        drop.ExecuteNonQuery();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// An open connection that waits for locks instead of failing and commits durably (fsync of the WAL). Each
    /// connection caches up to 64 MB of pages and reads the file through a memory map, so that B-tree pages are not
    /// read with a system call each.
    /// </summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;";
        command.ExecuteNonQuery();
        return connection;
    }

    public void Dispose() => _keeper.Dispose();
}
