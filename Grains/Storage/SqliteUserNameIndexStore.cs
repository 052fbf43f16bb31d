using Microsoft.Data.Sqlite;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The user-name index in the all-in-one SQLite file (table <c>user_names</c>, <see cref="SqliteDatabase"/>). Writes
/// are synchronous on the caller's thread, as the grain state they replace was (<see cref="SqliteGrainStorage"/>): a
/// new user is one upsert of one row, which does not need the event store's group commit.
/// </summary>
public sealed class SqliteUserNameIndexStore(SqliteDatabase database) : IUserNameIndexStore
{
    public Task UpsertAsync(IReadOnlyCollection<UserNameRow> rows, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO user_names (key, user_id, name) VALUES ($key, $user, $name)
            ON CONFLICT (key) DO UPDATE SET user_id = excluded.user_id, name = excluded.name
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var user = command.Parameters.Add("$user", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        foreach (var row in rows)
        {
            key.Value = row.Key;
            user.Value = row.UserId.ToString();
            name.Value = row.Name;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string key, Guid userId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM user_names WHERE key = $key AND user_id = $user";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$user", userId.ToString());
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UserNameRow>> SearchAsync(string keyPrefix, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var end = KeyPrefix.End(keyPrefix);
        command.CommandText = SearchSql(end);
        command.Parameters.AddWithValue("$from", keyPrefix);
        if (end is not null) command.Parameters.AddWithValue("$to", end);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<UserNameRow>();
        while (reader.Read()) rows.Add(new UserNameRow(reader.GetString(0), Guid.Parse(reader.GetString(1)), reader.GetString(2)));
        return Task.FromResult<IReadOnlyList<UserNameRow>>(rows);
    }

    /// <summary>The search: a range of the primary key (the table is WITHOUT ROWID, so the rows are the key's B-tree).</summary>
    internal static string SearchSql(string? end) =>
        $"SELECT key, user_id, name FROM user_names WHERE key >= $from{(end is null ? "" : " AND key < $to")} ORDER BY key LIMIT $limit";
}
