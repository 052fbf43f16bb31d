using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Storage;

/// <summary>The room event log in the embedded SQLite file; appends are group-committed by one writer connection.</summary>
public sealed class SqliteRoomEventStore : IRoomEventStore, IAsyncDisposable
{
    private const string Columns = "seq, kind, author_id, author_name, client_msg_id, body, target_seq, created_at";
    private const int SqliteConstraint = 19;

    private readonly SqliteDatabase _database;
    private readonly GroupCommitter _committer;
    private SqliteConnection? _writer;

    public SqliteRoomEventStore(SqliteDatabase database, ILogger<SqliteRoomEventStore> logger)
    {
        _database = database;
        _committer = new GroupCommitter(WriteBatch, logger, store: "sqlite", dedicatedThread: true);
    }

    public GroupCommitter Committer => _committer;

    public Task<AppendOutcome> AppendAsync(string roomId, IReadOnlyList<RoomEvent> events, CancellationToken cancellationToken = default) =>
        _committer.EnqueueAsync(roomId, events);

    // Optimistic: the whole group in one transaction without savepoints (a savepoint per room costs as much as the
    // inserts). A unique-key violation is rare (a second activation of a room, a very old retry): then the transaction
    // is rolled back, that room's batch is marked as conflicted and the others are written again.
    private Task WriteBatch(IReadOnlyList<PendingAppend> batch, CancellationToken cancellationToken)
    {
        _writer ??= OpenWriter();
        while (!TryWrite(batch)) { }
        return Task.CompletedTask;
    }

    // The writer checkpoints the WAL into the database file every 10,000 pages (40 MB) instead of SQLite's 1,000: with
    // a thousand busy rooms each commit dirties a page per room, and a rarer checkpoint writes each hot page back once
    // for many commits. The WAL file is truncated back to 64 MB after a checkpoint.
    private SqliteConnection OpenWriter()
    {
        var writer = _database.Open();
        using var pragma = writer.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864;";
        pragma.ExecuteNonQuery();
        return writer;
    }

    private bool TryWrite(IReadOnlyList<PendingAppend> batch)
    {
        using var transaction = _writer!.BeginTransaction(deferred: false);
        using var insert = _writer.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO room_events (room_id, {Columns}) VALUES ($room, $seq, $kind, $author, $name, $client, $body, $target, $at)";
        var room = insert.Parameters.Add("$room", SqliteType.Text);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var author = insert.Parameters.Add("$author", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var client = insert.Parameters.Add("$client", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var target = insert.Parameters.Add("$target", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Prepare();

        foreach (var pending in batch)
        {
            if (pending.Conflicted) continue;
            try
            {
                foreach (var e in pending.Events)
                {
                    room.Value = pending.RoomId;
                    seq.Value = e.Seq;
                    kind.Value = e.Kind;
                    author.Value = e.AuthorId.ToString();
                    name.Value = e.AuthorName;
                    client.Value = e.ClientMsgId;
                    body.Value = e.Text;
                    target.Value = (object?)e.TargetSeq ?? DBNull.Value;
                    at.Value = e.At.ToUnixTimeMilliseconds();
                    insert.ExecuteNonQuery();
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                transaction.Rollback();
                pending.Conflicted = true;
                return false;
            }
        }
        transaction.Commit();
        return true;
    }

    public Task<IReadOnlyList<RoomEvent>> ReadAfterAsync(string roomId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(
            $"SELECT {Columns} FROM room_events WHERE room_id = $room AND seq > $seq ORDER BY seq LIMIT $limit",
            roomId, afterSeq, limit, reverse: false));

    public Task<IReadOnlyList<RoomEvent>> ReadBeforeAsync(string roomId, long beforeSeq, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(
            $"SELECT {Columns} FROM room_events WHERE room_id = $room AND seq < $seq ORDER BY seq DESC LIMIT $limit",
            roomId, beforeSeq, limit, reverse: true));

    public Task<RoomEvent?> FindByClientIdAsync(string roomId, Guid authorId, string clientMsgId, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM room_events WHERE room_id = $room AND author_id = $author AND client_msg_id = $client";
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$author", authorId.ToString());
        command.Parameters.AddWithValue("$client", clientMsgId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadEvent(reader) : null);
    }

    private IReadOnlyList<RoomEvent> Read(string sql, string roomId, long seq, int limit, bool reverse)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$limit", limit);
        var events = new List<RoomEvent>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) events.Add(ReadEvent(reader));
        }
        if (reverse) events.Reverse();
        return events;
    }

    private static RoomEvent ReadEvent(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        Guid.Parse(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetInt64(6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));

    public async ValueTask DisposeAsync()
    {
        await _committer.DisposeAsync().ConfigureAwait(false);
        if (_writer is not null) await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
