using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Storage;

/// <summary>The contract on a real SQLite file in a temporary directory of its own.</summary>
public sealed class SqliteRoomEventStoreTests : RoomEventStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orleanschat-sqlite-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "chat.db");

    protected override IRoomEventStore CreateStore() =>
        new SqliteRoomEventStore(new SqliteDatabase(DatabasePath), NullLogger<SqliteRoomEventStore>.Instance);

    protected override GroupCommitter CommitterOf(IRoomEventStore store) => ((SqliteRoomEventStore)store).Committer;

    // The writer begins every commit with BEGIN IMMEDIATE, which waits for another connection's write transaction.
    protected override Task<IAsyncDisposable> HoldWriterAsync(string roomId)
    {
        var connection = new SqliteDatabase(DatabasePath).Open();
        var transaction = connection.BeginTransaction(deferred: false);
        return Task.FromResult<IAsyncDisposable>(new Release(async () =>
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }));
    }

    protected override Task DeleteDatabaseAsync()
    {
        using (var connection = new SqliteConnection(new SqliteDatabase(DatabasePath).ConnectionString))
            SqliteConnection.ClearPool(connection);
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
