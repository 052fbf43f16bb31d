using Npgsql;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The user-name index in the cluster's PostgreSQL database (table <c>user_names</c>, schema script 010, its key in the
/// "C" collation so that the primary key's B-tree serves prefix ranges in code point order). The tables must exist
/// (<see cref="PostgresSchema.EnsureSchemaAsync"/>).
/// </summary>
public sealed class PostgresUserNameIndexStore(string connectionString) : IUserNameIndexStore, IAsyncDisposable
{
    // Any number of rows in one statement: one array per column.
    private const string Upsert = """
        INSERT INTO user_names (key, user_id, name)
        SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])
        ON CONFLICT (key) DO UPDATE SET user_id = excluded.user_id, name = excluded.name
        """;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task UpsertAsync(IReadOnlyCollection<UserNameRow> rows, CancellationToken cancellationToken = default)
    {
        // One statement cannot update a row twice: of rows with the same key the last one counts, as in SQLite.
        var distinct = new Dictionary<string, UserNameRow>(StringComparer.Ordinal);
        foreach (var row in rows) distinct[row.Key] = row;
        if (distinct.Count == 0) return;
        await using var command = _dataSource.CreateCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. distinct.Values.Select(r => r.Key)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. distinct.Values.Select(r => r.UserId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. distinct.Values.Select(r => r.Name)] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string key, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM user_names WHERE key = $1 AND user_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UserNameRow>> SearchAsync(string keyPrefix, int limit, CancellationToken cancellationToken = default)
    {
        var end = KeyPrefix.End(keyPrefix);
        await using var command = _dataSource.CreateCommand(SearchSql(end));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyPrefix });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (end is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = end });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<UserNameRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(new UserNameRow(reader.GetString(0), reader.GetGuid(1), reader.GetString(2)));
        return rows;
    }

    /// <summary>The search: a range of the primary key (the column's collation, "C", applies to the comparisons).</summary>
    internal static string SearchSql(string? end) =>
        $"SELECT key, user_id, name FROM user_names WHERE key >= $1{(end is null ? "" : " AND key < $3")} ORDER BY key LIMIT $2";

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
