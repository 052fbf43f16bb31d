using Microsoft.Data.Sqlite;

namespace OrleansChat.Grains.Storage;

/// <summary>The embedded database file: connection settings and schema shared by the SQLite stores.</summary>
public sealed class SqliteDatabase
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
            PRIMARY KEY (room_id, seq)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS room_events_client_msg ON room_events (room_id, author_id, client_msg_id);
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            etag       TEXT NOT NULL,
            data       BLOB NOT NULL,
            PRIMARY KEY (grain_type, grain_id)
        ) WITHOUT ROWID;
        """;

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
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
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
}
