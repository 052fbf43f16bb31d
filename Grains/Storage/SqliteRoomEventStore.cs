using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Storage;

/// <summary>The room event log in the embedded SQLite file; appends are group-committed by one writer connection.</summary>
public sealed class SqliteRoomEventStore : IRoomEventStore, IAsyncDisposable
{
    private const string InsertColumns = "seq, kind, author_id, author_name, client_msg_id, body, target_seq, created_at, reactions, pinned, attachment, search_row";
    private const string Columns = "seq, kind, author_id, author_name, client_msg_id, body, target_seq, created_at, edited_at, deleted, reactions, pinned, attachment";
    private const string MemberColumns = "user_id, name, role, joined_at, avatar, status, last_active";
    private const int SqliteConstraint = 19;

    private readonly SqliteDatabase _database;
    private readonly GroupCommitter _committer;
    private readonly SqliteCheckpointer _checkpointer;

    /// <summary>The default of <c>Chat:Storage:SqliteCheckpointDelay</c>.</summary>
    public static readonly TimeSpan DefaultCheckpointDelay = TimeSpan.FromMilliseconds(200);
    private SqliteConnection? _writer;
    // The writer's event insert and the search index's statements, prepared once for the writer's life (SqliteStatement).
    private SqliteStatement? _insert;
    private SqliteSearchIndex.WriterStatements? _index;
    private const string InsertSql = $"INSERT INTO room_events (room_id, {InsertColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

    /// <param name="checkpointDelay">How long after a commit the WAL is copied into the database file (<see cref="SqliteCheckpointer"/>).</param>
    public SqliteRoomEventStore(SqliteDatabase database, ILogger<SqliteRoomEventStore> logger, TimeSpan? checkpointDelay = null)
    {
        _database = database;
        _committer = new GroupCommitter(WriteBatch, logger, store: "sqlite", dedicatedThread: true);
        _checkpointer = new SqliteCheckpointer(database, checkpointDelay ?? DefaultCheckpointDelay, logger);
    }

    public GroupCommitter Committer => _committer;

    public Task<AppendOutcome> AppendAsync(string roomId, IReadOnlyList<RoomEvent> events, CancellationToken cancellationToken = default) =>
        _committer.EnqueueAsync(roomId, events);

    public Task<AppendOutcome> AppendAsync(string roomId, IReadOnlyList<RoomEvent> events, MemberWrites members, CancellationToken cancellationToken = default) =>
        _committer.EnqueueAsync(roomId, events, members);

    // Optimistic: the whole group in one transaction without savepoints (a savepoint per room costs as much as the
    // inserts). A unique-key violation is rare (a second activation of a room, a very old retry): then the transaction
    // is rolled back, that room's batch is marked as conflicted and the others are written again.
    private Task WriteBatch(IReadOnlyList<PendingAppend> batch, CancellationToken cancellationToken)
    {
        _writer ??= OpenWriter();
        while (!TryWrite(batch)) { }
        _checkpointer.Written();
        return Task.CompletedTask;
    }

    // secure_delete = FAST: the text a delete or an edit overwrites is zeroed in its page rather than left in the file's
    // free space (at no extra I/O; the old page images in the WAL are overwritten as the WAL is reused).
    // The WAL is copied into the database file by the checkpointer, off this thread, shortly after commits; the writer's
    // own automatic checkpoint every 10,000 pages (40 MB) only bounds the log, and finds it nearly all copied by then.
    // The WAL file is truncated back to 64 MB after a checkpoint.
    private SqliteConnection OpenWriter()
    {
        var writer = _database.Open();
        using var pragma = writer.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864; PRAGMA secure_delete = FAST;";
        pragma.ExecuteNonQuery();
        return writer;
    }

    private bool TryWrite(IReadOnlyList<PendingAppend> batch)
    {
        using var transaction = _writer!.BeginTransaction(deferred: false);
        var insert = _insert ??= new SqliteStatement(_writer, InsertSql);
        ChangeCommands? changes = null;
        MemberCommands? members = null;
        using var index = new SqliteSearchIndex.Writer(_writer, transaction, _index ??= new SqliteSearchIndex.WriterStatements(_writer));

        foreach (var pending in batch)
        {
            if (pending.Conflicted) continue;
            try
            {
                foreach (var e in pending.Events)
                {
                    var row = e.Kind == RoomEventKinds.Message ? index.RowOf(e) : null;
                    insert.Bind(1, pending.RoomId).Bind(2, e.Seq).Bind(3, e.Kind).Bind(4, e.AuthorId.ToString()).Bind(5, e.AuthorName)
                        .Bind(6, e.ClientMsgId).Bind(7, e.Text).Bind(8, e.TargetSeq).Bind(9, e.At.ToUnixTimeMilliseconds())
                        .Bind(10, ReactionsJson.Write(e.Reactions)).Bind(11, e.Pinned ? 1 : 0).Bind(12, AttachmentJson.Write(e.Attachment))
                        .Bind(13, row).Run();
                    if (row is not null) index.Added(row.Value, e);
                    // The changed message's row is brought up to date in the same transaction: history reads it as it
                    // is now, and a deleted text is gone from the file once the delete is acknowledged.
                    if (RoomEventKinds.IsChange(e.Kind)) (changes ??= new ChangeCommands(_writer!, transaction, index)).Apply(pending.RoomId, e);
                }
                // After the events: a conflict among them rolls the transaction back before any of this room's rows.
                if (pending.Members.Count > 0) (members ??= new MemberCommands(_writer!, transaction)).Apply(pending.RoomId, pending.Members);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                changes?.Dispose();
                members?.Dispose();
                transaction.Rollback();
                pending.Conflicted = true;
                return false;
            }
        }
        changes?.Dispose();
        members?.Dispose();
        transaction.Commit();
        return true;
    }

    /// <summary>The upsert and delete of member rows, prepared once per transaction that writes any.</summary>
    private sealed class MemberCommands : IDisposable
    {
        private readonly SqliteCommand _upsert;
        private readonly SqliteCommand _remove;

        public MemberCommands(SqliteConnection connection, SqliteTransaction transaction)
        {
            _upsert = connection.CreateCommand();
            _upsert.Transaction = transaction;
            _upsert.CommandText = $"""
                INSERT INTO room_members (room_id, {MemberColumns}) VALUES ($room, $user, $name, $role, $joined, $avatar, $status, $active)
                ON CONFLICT (room_id, user_id) DO UPDATE SET name = excluded.name, role = excluded.role, joined_at = excluded.joined_at,
                    avatar = excluded.avatar, status = excluded.status, last_active = excluded.last_active
                """;
            foreach (var (name, type) in new[]
            {
                ("$room", SqliteType.Text), ("$user", SqliteType.Text), ("$name", SqliteType.Text), ("$role", SqliteType.Text),
                ("$joined", SqliteType.Integer), ("$avatar", SqliteType.Integer), ("$status", SqliteType.Text), ("$active", SqliteType.Integer),
            })
            {
                _upsert.Parameters.Add(name, type);
            }
            _upsert.Prepare();
            _remove = connection.CreateCommand();
            _remove.Transaction = transaction;
            _remove.CommandText = "DELETE FROM room_members WHERE room_id = $room AND user_id = $user";
            _remove.Parameters.Add("$room", SqliteType.Text);
            _remove.Parameters.Add("$user", SqliteType.Text);
            _remove.Prepare();
        }

        public void Apply(string roomId, MemberWrites writes)
        {
            var p = _upsert.Parameters;
            foreach (var row in writes.Upserts)
            {
                p[0].Value = roomId;
                p[1].Value = row.UserId.ToString();
                p[2].Value = row.Name;
                p[3].Value = row.Role;
                p[4].Value = row.JoinedAt.ToUnixTimeMilliseconds();
                p[5].Value = row.Avatar;
                p[6].Value = (object?)row.Status ?? DBNull.Value;
                p[7].Value = (object?)row.LastActive?.ToUnixTimeMilliseconds() ?? DBNull.Value;
                _upsert.ExecuteNonQuery();
            }
            foreach (var userId in writes.Removals)
            {
                _remove.Parameters[0].Value = roomId;
                _remove.Parameters[1].Value = userId.ToString();
                _remove.ExecuteNonQuery();
            }
        }

        public void Dispose()
        {
            _upsert.Dispose();
            _remove.Dispose();
        }
    }

    /// <summary>The updates of a changed message's row, prepared once per transaction that has a change event.</summary>
    private sealed class ChangeCommands : IDisposable
    {
        private readonly SqliteCommand _edit;
        private readonly SqliteCommand _erase;
        private readonly SqliteCommand _eraseFile;
        private readonly SqliteCommand _eraseEdits;
        private readonly SqliteCommand _react;
        private readonly SqliteCommand _pin;
        private readonly SqliteSearchIndex.Writer _index;

        public ChangeCommands(SqliteConnection connection, SqliteTransaction transaction, SqliteSearchIndex.Writer index)
        {
            _index = index;
            _edit = Command(connection, transaction, "UPDATE room_events SET body = $text, edited_at = $at WHERE room_id = $room AND seq = $target AND kind = 'message'");
            // The message's file goes with it, before the row forgets which file it was.
            _eraseFile = Command(connection, transaction, """
                DELETE FROM file_chunks WHERE file_id = (SELECT json_extract(attachment, '$.id') FROM room_events WHERE room_id = $room AND seq = $target AND kind = 'message');
                DELETE FROM files WHERE id = (SELECT json_extract(attachment, '$.id') FROM room_events WHERE room_id = $room AND seq = $target AND kind = 'message');
                """);
            _erase = Command(connection, transaction, "UPDATE room_events SET body = '', deleted = 1, reactions = NULL, pinned = 0, attachment = NULL WHERE room_id = $room AND seq = $target AND kind = 'message'");
            _eraseEdits = Command(connection, transaction, "UPDATE room_events SET body = '' WHERE room_id = $room AND target_seq = $target AND kind = 'edit'");
            _react = Command(connection, transaction, "UPDATE room_events SET reactions = $reactions WHERE room_id = $room AND seq = $target AND kind = 'message'");
            _pin = Command(connection, transaction, "UPDATE room_events SET pinned = $pinned WHERE room_id = $room AND seq = $target AND kind = 'message'");
        }

        private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        public void Apply(string roomId, RoomEvent e)
        {
            switch (e.Kind)
            {
                case RoomEventKinds.Edit:
                    // Only a message's row is edited (the statement's kind = 'message'), and only messages are indexed.
                    if (Run(_edit, roomId, e, ("$text", e.Text), ("$at", e.At.ToUnixTimeMilliseconds())) > 0) _index.Edited(roomId, e.TargetSeq ?? 0, e.Text);
                    break;
                case RoomEventKinds.Delete:
                    Run(_eraseFile, roomId, e);
                    Run(_erase, roomId, e);
                    _index.Deleted(roomId, e.TargetSeq ?? 0);
                    Run(_eraseEdits, roomId, e);
                    break;
                case RoomEventKinds.Reaction:
                    Run(_react, roomId, e, ("$reactions", (object?)ReactionsJson.Write(e.Reactions) ?? DBNull.Value));
                    break;
                case RoomEventKinds.Pin:
                    Run(_pin, roomId, e, ("$pinned", e.Pinned ? 1 : 0));
                    break;
            }
        }

        private static int Run(SqliteCommand command, string roomId, RoomEvent e, params (string Name, object Value)[] values)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$room", roomId);
            command.Parameters.AddWithValue("$target", e.TargetSeq ?? 0);
            foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value);
            return command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _edit.Dispose();
            _erase.Dispose();
            _eraseFile.Dispose();
            _eraseEdits.Dispose();
            _react.Dispose();
            _pin.Dispose();
        }
    }

    public Task<IReadOnlyList<RoomEvent>> ReadAfterAsync(string roomId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(
            $"SELECT {Columns} FROM room_events WHERE room_id = $room AND seq > $seq ORDER BY seq LIMIT $limit",
            roomId, afterSeq, limit, reverse: false));

    public Task<IReadOnlyList<RoomEvent>> ReadBeforeAsync(string roomId, long beforeSeq, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(
            $"SELECT {Columns} FROM room_events WHERE room_id = $room AND seq < $seq ORDER BY seq DESC LIMIT $limit",
            roomId, beforeSeq, limit, reverse: true));

    public Task<IReadOnlyList<RoomEvent>> ReadPinnedAsync(string roomId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(
            $"SELECT {Columns} FROM room_events WHERE room_id = $room AND pinned = 1 AND kind = 'message' AND seq > $seq ORDER BY seq LIMIT $limit",
            roomId, 0, limit, reverse: false));

    public Task<IReadOnlyList<RoomEvent>> ReadMessagesOfAsync(string roomId, Guid authorId, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM room_events
            WHERE room_id = $room AND author_id = $author AND kind = 'message' AND deleted = 0 AND created_at >= $since
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$author", authorId.ToString());
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        var events = new List<RoomEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) events.Add(ReadEvent(reader));
        return Task.FromResult<IReadOnlyList<RoomEvent>>(events);
    }

    // A point lookup in the unique index room_events_client_msg_id (client id first; Tests check the plan).
    internal const string FindByClientIdSql =
        $"SELECT {Columns} FROM room_events WHERE room_id = $room AND author_id = $author AND client_msg_id = $client";

    public Task<RoomEvent?> FindByClientIdAsync(string roomId, Guid authorId, string clientMsgId, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = FindByClientIdSql;
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$author", authorId.ToString());
        command.Parameters.AddWithValue("$client", clientMsgId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadEvent(reader) : null);
    }

    // On a thread-pool thread: a search may run up to its timeout, and must not hold the caller's (a grain's) thread.
    public Task<IReadOnlyList<FoundMessage>> SearchAsync(MessageSearch search, CancellationToken cancellationToken = default) =>
        Task.Run(() => SqliteSearchQuery.Run(_database, search, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<MemberRow>> ReadMembersAsync(string roomId, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {MemberColumns} FROM room_members WHERE room_id = $room";
        command.Parameters.AddWithValue("$room", roomId);
        var rows = new List<MemberRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new MemberRow(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return Task.FromResult<IReadOnlyList<MemberRow>>(rows);
    }

    public Task<long> ReadSequenceFloorAsync(CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(floor), 0) FROM sequence_floor";
        return Task.FromResult((long)command.ExecuteScalar()!);
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
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
        reader.GetInt64(9) != 0,
        ReactionsJson.Read(reader.IsDBNull(10) ? null : reader.GetString(10)),
        reader.GetInt64(11) != 0,
        AttachmentJson.Read(reader.IsDBNull(12) ? null : reader.GetString(12)));

    public async ValueTask DisposeAsync()
    {
        await _committer.DisposeAsync().ConfigureAwait(false);
        _checkpointer.Dispose();
        _insert?.Dispose();
        _index?.Dispose();
        if (_writer is not null) await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
