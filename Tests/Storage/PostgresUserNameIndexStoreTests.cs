using Npgsql;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>The user-name index contract on a real PostgreSQL server started for this class, in a database of its own.</summary>
public sealed class PostgresUserNameIndexStoreTests(PostgresUserNameIndexStoreTests.Database database)
    : UserNameIndexStoreContract, IClassFixture<PostgresUserNameIndexStoreTests.Database>
{
    protected override IUserNameIndexStore CreateStore() => new PostgresUserNameIndexStore(database.ConnectionString);

    [Theory]
    [InlineData("amb")]
    [InlineData("")]
    public async Task Search_ReadsARangeOfTheKey_NotTheWholeTable(string prefix)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        // The test's table is small, where a scan of the table (or a bitmap of it) and a sort are cheaper: the question is
        // whether the index can serve the range in order.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off", connection)) await off.ExecuteNonQueryAsync();
        var end = KeyPrefix.End(prefix);
        await using var command = new NpgsqlCommand("EXPLAIN " + PostgresUserNameIndexStore.SearchSql(end), connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 10 });
        if (end is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = end });
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        }

        var text = string.Join('\n', plan);
        // An index scan in key order, its bounds in the index condition; no sort and no filter over rows.
        Assert.True(text.Contains("Index Scan using user_names_pkey", StringComparison.Ordinal), text);
        Assert.Contains(end is null ? "Index Cond: (key >= " : "Index Cond: ((key >= ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Filter", text, StringComparison.Ordinal);
    }

    /// <summary>One PostgreSQL server and one database with the schema for the whole test class.</summary>
    public sealed class Database : IAsyncLifetime
    {
        public PostgresServer Server { get; } = new();

        public string ConnectionString { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Server).InitializeAsync();
            ConnectionString = await Server.CreateDatabaseAsync("user_names_tests");
            await PostgresSchema.EnsureSchemaAsync(ConnectionString);
        }

        public Task DisposeAsync() => Server.DisposeAsync().AsTask();
    }
}
