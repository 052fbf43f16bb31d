using Microsoft.Data.Sqlite;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// Online backup and offline restore of the all-in-one database file (docs/operations.md, "Back up and restore").
/// </summary>
public static class SqliteBackup
{
    private const int SqliteBusy = 5;

    /// <summary>
    /// Writes a consistent copy of <paramref name="databasePath"/> to <paramref name="destination"/> (which must not
    /// exist) while the process serves: <c>VACUUM INTO</c> reads one snapshot of the database in a read transaction,
    /// committed WAL frames included, and never blocks the writer. Pages freed by deletes are not copied.
    /// </summary>
    public static void Backup(string databasePath, string destination)
    {
        destination = Path.GetFullPath(destination);
        if (File.Exists(destination)) throw new IOException($"{destination} exists already.");
        if (!File.Exists(databasePath)) throw new FileNotFoundException("There is no database to back up.", databasePath);
        using (var connection = new SqliteConnection(ConnectionString(databasePath, SqliteOpenMode.ReadOnly)))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000; VACUUM INTO $destination;";
            command.Parameters.AddWithValue("$destination", destination);
            command.ExecuteNonQuery();
        }
        Check(destination);
    }

    /// <summary>
    /// Replaces the content of <paramref name="databasePath"/> with <paramref name="backup"/> and records a sequence
    /// floor above every number issued before (<see cref="NextFloor"/>). Refuses while a process has the database open.
    /// Returns the floor.
    /// </summary>
    public static long Restore(string backup, string databasePath, DateTimeOffset now)
    {
        Check(backup);
        databasePath = Path.GetFullPath(databasePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var existed = File.Exists(databasePath);
        try
        {
            return Replace(backup, databasePath, existed, now);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteBusy)
        {
            throw new InvalidOperationException($"{databasePath} is open in a running process: stop the gateway first.", e);
        }
    }

    private static long Replace(string backup, string databasePath, bool existed, DateTimeOffset now)
    {
        // One second: Microsoft.Data.Sqlite retries a busy statement for as long as its command timeout.
        using var target = new SqliteConnection(ConnectionString(databasePath, SqliteOpenMode.ReadWriteCreate) + ";Default Timeout=1");
        target.Open();
        // Exclusive locking mode: the lock is taken by the first read and kept until the connection closes. In WAL
        // mode it cannot be had while any other connection has the database open, such as a running gateway's.
        Execute(target, "PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT COUNT(*) FROM sqlite_schema; COMMIT;");
        // What the replaced file had issued, if it is still there: the floor goes above it, whatever the clock says.
        var replaced = existed ? Highest(target) : 0;
        using (var source = new SqliteConnection(ConnectionString(backup, SqliteOpenMode.ReadOnly)))
        {
            source.Open();
            source.BackupDatabase(target);
        }
        using var transaction = target.BeginTransaction();
        Execute(target, "CREATE TABLE IF NOT EXISTS sequence_floor (id INTEGER PRIMARY KEY CHECK (id = 1), floor INTEGER NOT NULL)", transaction);
        var floor = NextFloor(now, Math.Max(replaced, Highest(target, transaction)));
        using (var command = target.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO sequence_floor (id, floor) VALUES (1, $floor) ON CONFLICT (id) DO UPDATE SET floor = excluded.floor";
            command.Parameters.AddWithValue("$floor", floor);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return floor;
    }

    /// <summary>
    /// The floor after a restore at <paramref name="now"/>: the time in microseconds since 1970, and above
    /// <paramref name="highest"/> (the floors and numbers of the backup and of the file it replaces). The clock is the one count that a backup cannot take back: a room outruns it only
    /// by storing more than a million events a second, and it stays below 2^53 (exact in JavaScript) until 2255.
    /// </summary>
    public static long NextFloor(DateTimeOffset now, long highest) =>
        Math.Max((now - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, highest + 1);

    private static void Check(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("The backup file does not exist.", path);
        using var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadOnly));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        var result = command.ExecuteScalar() as string;
        if (result != "ok") throw new InvalidDataException($"{path} is damaged: {result}");
        command.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('room_events', 'grain_state')";
        if ((long)command.ExecuteScalar()! != 2) throw new InvalidDataException($"{path} is not an OrleansChat database.");
    }

    /// <summary>The highest sequence number or floor the database holds (0 for an empty file).</summary>
    private static long Highest(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        var highest = 0L;
        if (HasTable(connection, transaction, "sequence_floor"))
            highest = Scalar(connection, transaction, "SELECT COALESCE(MAX(floor), 0) FROM sequence_floor");
        if (HasTable(connection, transaction, "room_events"))
            highest = Math.Max(highest, Scalar(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM room_events"));
        return highest;
    }

    private static bool HasTable(SqliteConnection connection, SqliteTransaction? transaction, string name) =>
        Scalar(connection, transaction, $"SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = '{name}'") > 0;

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
    }.ToString();
}
