using Npgsql;
using NpgsqlTypes;

namespace OrleansChat.Grains.Files;

/// <summary>
/// Files in the cluster's PostgreSQL database (tables <c>files</c> and <c>file_chunks</c>, schema script 007): every
/// gateway reaches it, so any gateway serves any file. A message's delete removes its file in the same transaction
/// (<see cref="Storage.PostgresRoomEventStore"/>).
/// </summary>
public sealed class PostgresFileStore(string connectionString) : IFileStore, IAsyncDisposable
{
    private const string Columns = "id, room_id, owner_id, name, content_type, size, thumb_size, created_at";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task SaveAsync(StoredFile file, ReadOnlyMemory<byte> content, ReadOnlyMemory<byte> thumbnail, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand($"INSERT INTO files ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.Id });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.RoomId });
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = file.OwnerId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.Name });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.ContentType });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = file.Size });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)file.ThumbnailSize ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = file.CreatedAt.ToUniversalTime() });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var (kind, bytes) in new[] { (FileChunks.Original, content), (FileChunks.Thumbnail, thumbnail) })
        {
            foreach (var (part, data) in FileChunks.Split(bytes))
            {
                await using var chunk = new NpgsqlCommand("INSERT INTO file_chunks (file_id, variant, part, data) VALUES ($1, $2, $3, $4)", connection, transaction);
                chunk.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.Id });
                chunk.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)kind });
                chunk.Parameters.Add(new NpgsqlParameter<int> { TypedValue = part });
                chunk.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Bytea });
                await chunk.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM files WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new StoredFile(
            reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
            reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetFieldValue<DateTimeOffset>(7));
    }

    public async Task<bool> CopyToAsync(string id, bool thumbnail, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT data FROM file_chunks WHERE file_id = $1 AND variant = $2 ORDER BY part");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)(thumbnail ? FileChunks.Thumbnail : FileChunks.Original) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var any = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            any = true;
            await destination.WriteAsync(reader.GetFieldValue<byte[]>(0), cancellationToken).ConfigureAwait(false);
        }
        return any;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        // file_chunks rows go with it (ON DELETE CASCADE).
        await using var command = _dataSource.CreateCommand("DELETE FROM files WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> UsedBytesAsync(Guid ownerId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT COALESCE(SUM(size), 0)::bigint FROM files WHERE owner_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ownerId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
