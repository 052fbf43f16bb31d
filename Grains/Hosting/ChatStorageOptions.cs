namespace OrleansChat.Grains.Hosting;

/// <summary>Where the chat keeps its data (configuration section <c>Chat:Storage</c>).</summary>
public sealed class ChatStorageOptions
{
    public const string Section = "Chat:Storage";

    /// <summary><see cref="ChatStorageProvider.Sqlite"/> (one process, the default) or <see cref="ChatStorageProvider.Postgres"/> (cluster).</summary>
    public ChatStorageProvider Provider { get; set; } = ChatStorageProvider.Sqlite;

    /// <summary>The embedded database file, for the default all-in-one mode.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "orleanschat.db");

    /// <summary>
    /// How long after a commit the SQLite write-ahead log is copied into the database file, off the writer's thread
    /// (<see cref="Storage.SqliteCheckpointer"/>): longer copies a page that many commits change fewer times.
    /// </summary>
    public TimeSpan SqliteCheckpointDelay { get; set; } = Storage.SqliteRoomEventStore.DefaultCheckpointDelay;

    /// <summary>
    /// The cluster database (Npgsql connection string): Orleans membership, grain state and the room event log.
    /// Hosts fill it from <c>ConnectionStrings:Chat</c> when this setting is empty.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    public bool IsPostgres => Provider == ChatStorageProvider.Postgres;

    /// <summary>The PostgreSQL connection string; throws a readable error when cluster mode has none.</summary>
    public string RequirePostgres() =>
        string.IsNullOrWhiteSpace(PostgresConnectionString)
            ? throw new InvalidOperationException(
                "Chat:Storage:Provider is Postgres but no connection string is set (ConnectionStrings:Chat or Chat:Storage:PostgresConnectionString).")
            : PostgresConnectionString;
}
