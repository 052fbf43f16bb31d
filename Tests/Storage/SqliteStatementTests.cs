using Microsoft.Data.Sqlite;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>The writer's statement prepared once and bound through SQLite's API: values, reuse, and errors as Microsoft.Data.Sqlite gives them.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly TempDirectory _directory = new("orleanschat-statement");
    private readonly SqliteConnection _connection;

    public SqliteStatementTests()
    {
        _connection = new SqliteConnection($"Data Source={_directory.File("statement.db")};Pooling=false");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT NULL, n INTEGER NULL)";
        create.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _directory.Dispose();
    }

    private List<(long Id, string Name, string? Note, long? N)> Rows()
    {
        using var select = _connection.CreateCommand();
        select.CommandText = "SELECT id, name, note, n FROM t ORDER BY id";
        using var reader = select.ExecuteReader();
        var rows = new List<(long, string, string?, long?)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        return rows;
    }

    [Fact]
    public void ARun_WritesItsValues_AndTheNextRunStartsFromNoBindings()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, name, note, n) VALUES (?1, ?2, ?3, ?4)");
        insert.Bind(1, 1).Bind(2, "Amber Heron ☕").Bind(3, "a note").Bind(4, 42L).Run();
        insert.Bind(1, 2).Bind(2, "").Bind(3, (string?)null).Bind(4, (long?)null).Run();
        insert.Bind(1, 3).Bind(2, "third").Run(); // note and n left unbound: NULL, not the values of an earlier run

        Assert.Equal([(1L, "Amber Heron ☕", "a note", 42L), (2L, "", null, null), (3L, "third", null, null)], Rows());
    }

    [Fact]
    public void AUniqueKeyViolation_IsASqliteExceptionWithTheConstraintCode_AndTheStatementRunsAgainAfterIt()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, name) VALUES (?1, ?2)");
        insert.Bind(1, 1).Bind(2, "first").Run();

        var error = Assert.Throws<SqliteException>(() => insert.Bind(1, 1).Bind(2, "again").Run());
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT, as the writer's conflict handling expects
        Assert.Contains("UNIQUE", error.Message, StringComparison.OrdinalIgnoreCase);

        insert.Bind(1, 2).Bind(2, "second").Run();
        Assert.Equal(["first", "second"], Rows().Select(r => r.Name));
    }

    [Fact]
    public void ItsRowsBelongToTheConnectionsTransaction_AndARollbackTakesThemBack()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, name) VALUES (?1, ?2)");
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            insert.Bind(1, 1).Bind(2, "rolled back").Run();
            transaction.Rollback();
        }
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            insert.Bind(1, 2).Bind(2, "kept").Run();
            transaction.Commit();
        }

        Assert.Equal(["kept"], Rows().Select(r => r.Name));
    }

    [Fact]
    public void AQueryOfOneRow_GivesItsFirstColumn_EachTimeItRuns()
    {
        using var max = new SqliteStatement(_connection, "SELECT coalesce(max(id), 0) FROM t");
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, name) VALUES (?1, ?2)");
        Assert.Equal(0, max.ReadInt64());

        insert.Bind(1, 7).Bind(2, "seven").Run();
        Assert.Equal(7, max.ReadInt64());

        using var none = new SqliteStatement(_connection, "SELECT id FROM t WHERE id < 0");
        Assert.Throws<SqliteException>(() => none.ReadInt64());
    }

    [Fact]
    public void BadSql_IsRefusedWhenPrepared()
    {
        var error = Assert.Throws<SqliteException>(() => new SqliteStatement(_connection, "INSERT INTO nowhere VALUES (?1)"));
        Assert.Contains("no such table", error.Message);
    }
}
