using Npgsql;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The PostgreSQL tables of the cluster store, brought up to date by numbered migrations recorded in
/// <c>schema_version</c>. Safe to run on every start, from every silo at once. Each migration is a script in
/// <c>Storage/Schema/</c> (embedded in this assembly), numbered like its version: 1 our room event log; 2 and on the
/// tables and named queries of Orleans' ADO.NET clustering and persistence providers, which ship no SQL of their own.
/// </summary>
public static class PostgresSchema
{
    // Migration n takes the schema from version n - 1 to n. A shipped migration is never edited (moving 1 from a string
    // into its file kept its text); changes are appended.
    private static readonly string[] Migrations =
    [
        Script("001-room-events.sql"),
        Script("002-orleans-clustering.sql"),
        Script("003-orleans-grain-state.sql"),
        Script("004-orleans-membership-cleanup.sql"),
        Script("005-message-changes.sql"),
        Script("006-sequence-floor.sql"),
        Script("007-files.sql"),
        Script("008-message-search.sql"),
        Script("009-room-members.sql"),
        Script("010-user-names.sql"),
        Script("011-client-msg-index.sql"),
    ];

    // Any fixed key: it only has to be the same for every process that migrates this database.
    private const long MigrationLock = 0x4F43_6861_7453_6368;

    private static string Script(string name)
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream("OrleansChat.Schema." + name)
            ?? throw new InvalidOperationException($"The schema script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The schema version this code expects.</summary>
    public static int Version => Migrations.Length;

    /// <summary>Creates the tables, or applies the migrations the database has not seen yet, in one transaction.</summary>
    public static async Task EnsureSchemaAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // CREATE ... IF NOT EXISTS is not safe against a concurrent creator: silos starting together take turns.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", MigrationLock, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    integer     PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, null, cancellationToken).ConfigureAwait(false);

        await using (var current = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection))
        {
            var applied = (int)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            for (var version = applied + 1; version <= Migrations.Length; version++)
            {
                await ExecuteAsync(connection, Migrations[version - 1], null, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "INSERT INTO schema_version (version) VALUES ($1)", version, cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, object? parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
