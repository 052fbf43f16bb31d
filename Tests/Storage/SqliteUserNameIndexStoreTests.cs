using Microsoft.Data.Sqlite;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>The user-name index contract on a real SQLite file in a temporary directory of its own.</summary>
public sealed class SqliteUserNameIndexStoreTests : UserNameIndexStoreContract
{
    private readonly TempDirectory _directory = new("orleanschat-names");
    private readonly List<SqliteDatabase> _databases = [];

    protected override IUserNameIndexStore CreateStore() => new SqliteUserNameIndexStore(OpenDatabase());

    [Theory]
    [InlineData("amb")]
    [InlineData("")]
    public void Search_ReadsARangeOfTheKey_NotTheWholeTable(string prefix)
    {
        using var connection = OpenDatabase().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteUserNameIndexStore.SearchSql(KeyPrefix.End(prefix));
        command.Parameters.AddWithValue("$from", prefix);
        command.Parameters.AddWithValue("$to", KeyPrefix.End(prefix) ?? "");
        command.Parameters.AddWithValue("$limit", 10);
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read()) steps.Add(reader.GetString(3));
        var plan = Assert.Single(steps);

        // A search of the primary key's B-tree ("SCAN" would read every row), already in key order (no sort step).
        Assert.StartsWith("SEARCH user_names USING PRIMARY KEY (key>?", plan, StringComparison.Ordinal);
        if (prefix.Length > 0) Assert.EndsWith("AND key<?)", plan, StringComparison.Ordinal);
    }

    private SqliteDatabase OpenDatabase()
    {
        var database = new SqliteDatabase(_directory.File("chat.db"));
        _databases.Add(database);
        return database;
    }

    protected override Task DeleteDatabaseAsync()
    {
        foreach (var database in _databases)
        {
            using (var connection = new SqliteConnection(database.ConnectionString)) SqliteConnection.ClearPool(connection);
            database.Dispose();
        }
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
