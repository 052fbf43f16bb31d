using Microsoft.Data.Sqlite;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Files;

/// <summary>
/// Files in the all-in-one SQLite database (tables <c>files</c> and <c>file_chunks</c>): one backup holds messages and
/// files together, and a message's delete removes its file in the same transaction (<see cref="SqliteRoomEventStore"/>).
/// </summary>
public sealed class SqliteFileStore(SqliteDatabase database) : IFileStore
{
    private const string Columns = "id, room_id, owner_id, name, content_type, size, thumb_size, created_at";

    public Task SaveAsync(StoredFile file, ReadOnlyMemory<byte> content, ReadOnlyMemory<byte> thumbnail, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO files ({Columns}) VALUES ($id, $room, $owner, $name, $type, $size, $thumb, $at)";
            insert.Parameters.AddWithValue("$id", file.Id);
            insert.Parameters.AddWithValue("$room", file.RoomId);
            insert.Parameters.AddWithValue("$owner", file.OwnerId.ToString());
            insert.Parameters.AddWithValue("$name", file.Name);
            insert.Parameters.AddWithValue("$type", file.ContentType);
            insert.Parameters.AddWithValue("$size", file.Size);
            insert.Parameters.AddWithValue("$thumb", (object?)file.ThumbnailSize ?? DBNull.Value);
            insert.Parameters.AddWithValue("$at", file.CreatedAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }
        using (var chunk = connection.CreateCommand())
        {
            chunk.Transaction = transaction;
            chunk.CommandText = "INSERT INTO file_chunks (file_id, variant, part, data) VALUES ($id, $variant, $part, $data)";
            var id = chunk.Parameters.AddWithValue("$id", file.Id);
            var variant = chunk.Parameters.Add("$variant", SqliteType.Integer);
            var part = chunk.Parameters.Add("$part", SqliteType.Integer);
            var data = chunk.Parameters.Add("$data", SqliteType.Blob);
            foreach (var (kind, bytes) in new[] { (FileChunks.Original, content), (FileChunks.Thumbnail, thumbnail) })
            {
                foreach (var (number, piece) in FileChunks.Split(bytes))
                {
                    variant.Value = kind;
                    part.Value = number;
                    data.Value = piece.ToArray();
                    chunk.ExecuteNonQuery();
                }
            }
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM files WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new StoredFile(
                reader.GetString(0), reader.GetString(1), Guid.Parse(reader.GetString(2)), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)))
            : null);
    }

    public async Task<bool> CopyToAsync(string id, bool thumbnail, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM file_chunks WHERE file_id = $id AND variant = $variant ORDER BY part";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$variant", thumbnail ? FileChunks.Thumbnail : FileChunks.Original);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var any = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            any = true;
            var data = (byte[])reader.GetValue(0);
            await destination.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        return any;
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM file_chunks WHERE file_id = $id; DELETE FROM files WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<long> UsedBytesAsync(Guid ownerId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(size), 0) FROM files WHERE owner_id = $owner";
        command.Parameters.AddWithValue("$owner", ownerId.ToString());
        return Task.FromResult((long)command.ExecuteScalar()!);
    }
}
