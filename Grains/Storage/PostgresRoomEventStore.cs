using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The room event log in PostgreSQL (the cluster store). Appends from all rooms are group-committed: a whole commit is
/// one INSERT of every room's events (one round trip, one transaction); only when PostgreSQL rejects it (a conflicting
/// sequence number, data it cannot store) is the commit written again with a savepoint per room batch, so that the
/// rejected batch fails alone. The tables must exist (<see cref="PostgresSchema.EnsureSchemaAsync"/>).
/// </summary>
public sealed class PostgresRoomEventStore : IRoomEventStore, IAsyncDisposable
{
    private const string InsertColumns = "seq, kind, author_id, author_name, client_msg_id, body, target_seq, created_at, reactions, pinned, attachment";
    private const string Columns = "seq, kind, author_id, author_name, client_msg_id, body, target_seq, created_at, edited_at, deleted, reactions, pinned, attachment";

    // One statement per room batch, whatever its size: the events travel as one array per column.
    private const string Insert = $"""
        INSERT INTO room_events (room_id, {InsertColumns})
        SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::timestamptz[], $10::text[], $11::boolean[], $12::jsonb[])
        """;

    // The whole commit in one statement: one array per column, the room id included.
    private const string InsertAll = $"""
        INSERT INTO room_events (room_id, {InsertColumns})
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::timestamptz[], $10::text[], $11::boolean[], $12::jsonb[])
        """;

    // The row of the message a change event targets is brought up to date in the change's transaction ($1 room, $2 seq).
    private const string EditTarget = "UPDATE room_events SET body = $3, edited_at = $4 WHERE room_id = $1 AND seq = $2 AND kind = 'message'";
    // The message's file goes with it (its chunks by ON DELETE CASCADE), before the row forgets which file it was.
    private const string EraseFile = "DELETE FROM files WHERE id = (SELECT attachment->>'id' FROM room_events WHERE room_id = $1 AND seq = $2 AND kind = 'message')";
    private const string EraseTarget = "UPDATE room_events SET body = '', deleted = true, reactions = NULL, pinned = false, attachment = NULL WHERE room_id = $1 AND seq = $2 AND kind = 'message'";
    private const string EraseEdits = "UPDATE room_events SET body = '' WHERE room_id = $1 AND target_seq = $2 AND kind = 'edit'";
    private const string ReactTarget = "UPDATE room_events SET reactions = $3 WHERE room_id = $1 AND seq = $2 AND kind = 'message'";
    private const string PinTarget = "UPDATE room_events SET pinned = $3 WHERE room_id = $1 AND seq = $2 AND kind = 'message'";

    // A commit's member rows, all rooms in one statement each (one array per column): upserts, then removals.
    private const string UpsertMembers = """
        INSERT INTO room_members (room_id, user_id, name, role, joined_at, avatar, status, last_active)
        SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::integer[], $7::text[], $8::timestamptz[])
        ON CONFLICT (room_id, user_id) DO UPDATE SET name = excluded.name, role = excluded.role, joined_at = excluded.joined_at,
            avatar = excluded.avatar, status = excluded.status, last_active = excluded.last_active
        """;
    private const string RemoveMembers = """
        DELETE FROM room_members m USING unnest($1::text[], $2::uuid[]) AS d(room_id, user_id)
        WHERE m.room_id = d.room_id AND m.user_id = d.user_id
        """;
    private const string MemberColumns = "user_id, name, role, joined_at, avatar, status, last_active";

    // Bounds what one round trip sends; a larger group commit just takes a few more.
    private const int RoomsPerRoundTrip = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitter _committer;
    private readonly ILogger _logger;

    public PostgresRoomEventStore(string connectionString, ILogger<PostgresRoomEventStore> logger)
    {
        // The writer must learn which room batch of a round trip failed, and Npgsql only says so when asked to.
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { IncludeFailedBatchedCommand = true };
        _dataSource = NpgsqlDataSource.Create(settings);
        _logger = logger;
        _committer = new GroupCommitter(WriteBatchAsync, logger, store: "postgres");
    }

    public GroupCommitter Committer => _committer;

    public Task<AppendOutcome> AppendAsync(string roomId, IReadOnlyList<RoomEvent> events, CancellationToken cancellationToken = default) =>
        _committer.EnqueueAsync(roomId, events);

    public Task<AppendOutcome> AppendAsync(string roomId, IReadOnlyList<RoomEvent> events, MemberWrites members, CancellationToken cancellationToken = default) =>
        _committer.EnqueueAsync(roomId, events, members);

    private async Task WriteBatchAsync(IReadOnlyList<PendingAppend> batch, CancellationToken cancellationToken)
    {
        // Writers on other silos take the row locks in the same (room) order, so two commits that touch the same keys
        // (two activations of one room) wait for each other instead of deadlocking.
        var order = Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].RoomId, StringComparer.Ordinal).ToArray();
        try
        {
            await InsertAllAsync(batch, order, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation || ex.SqlState.StartsWith("22", StringComparison.Ordinal)
            // The same member twice in one upsert: two activations of one room in one commit (room by room, it is not).
            || ex.SqlState == PostgresErrorCodes.CardinalityViolation)
        {
            // The statement (its own transaction) stored nothing; find the rejected room batches one by one.
            _logger.LogDebug(ex, "A group commit of {Appends} appends was rejected; writing it room by room", batch.Count);
            await WriteRoomByRoomAsync(batch, order, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InsertAllAsync(IReadOnlyList<PendingAppend> batch, int[] order, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var pending in batch) count += pending.Events.Count;
        var columns = new EventColumns(count);
        var row = 0;
        var room = new string[count];
        foreach (var position in order)
        {
            var pending = batch[position];
            foreach (var e in pending.Events)
            {
                room[row] = pending.RoomId;
                columns.Set(row++, e);
            }
        }
        var changes = new List<NpgsqlBatchCommand>();
        foreach (var position in order) AddChanges(batch[position], changes);
        var members = MemberCommands(batch, order);
        if (changes.Count == 0 && members.Count == 0)
        {
            // Messages only (the common case): one statement, its own transaction.
            await using var command = _dataSource.CreateCommand(InsertAll);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = room, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            columns.AddTo(command.Parameters);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // With change events: the insert and the updates of the changed messages in one transaction and one round trip.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var round = new NpgsqlBatch(connection, transaction))
        {
            var insert = new NpgsqlBatchCommand(InsertAll);
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = room, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            columns.AddTo(insert.Parameters);
            if (count > 0) round.BatchCommands.Add(insert);
            foreach (var change in changes) round.BatchCommands.Add(change);
            // Member rows after the events: a rejected event rolls back the whole statement list, rows included.
            foreach (var member in members) round.BatchCommands.Add(member);
            await round.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The updates of the messages that <paramref name="pending"/>'s change events target, in event order.</summary>
    private static void AddChanges(PendingAppend pending, List<NpgsqlBatchCommand> commands)
    {
        foreach (var e in pending.Events)
        {
            switch (e.Kind)
            {
                case RoomEventKinds.Edit:
                    commands.Add(TargetCommand(EditTarget, pending.RoomId, e,
                        new NpgsqlParameter<string> { TypedValue = e.Text },
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.FromUnixTimeMilliseconds(e.At.ToUnixTimeMilliseconds()) }));
                    break;
                case RoomEventKinds.Delete:
                    commands.Add(TargetCommand(EraseFile, pending.RoomId, e));
                    commands.Add(TargetCommand(EraseTarget, pending.RoomId, e));
                    commands.Add(TargetCommand(EraseEdits, pending.RoomId, e));
                    break;
                case RoomEventKinds.Reaction:
                    commands.Add(TargetCommand(ReactTarget, pending.RoomId, e,
                        new NpgsqlParameter { Value = (object?)ReactionsJson.Write(e.Reactions) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }));
                    break;
                case RoomEventKinds.Pin:
                    commands.Add(TargetCommand(PinTarget, pending.RoomId, e, new NpgsqlParameter<bool> { TypedValue = e.Pinned }));
                    break;
            }
        }
    }

    /// <summary>
    /// The upsert and the removal of the member rows of <paramref name="order"/>'s batches, one statement each (none
    /// when there are no such rows), rows in (room, user) order so that writers lock them in the same order.
    /// </summary>
    private static List<NpgsqlBatchCommand> MemberCommands(IReadOnlyList<PendingAppend> batch, IEnumerable<int> order)
    {
        // A commit of messages (the common case) has no rows: nothing to allocate.
        if (!order.Any(position => batch[position].Members.Count > 0)) return [];
        var upserts = new List<(string Room, MemberRow Row)>();
        var removals = new List<(string Room, Guid User)>();
        foreach (var position in order)
        {
            var pending = batch[position];
            foreach (var row in pending.Members.Upserts.OrderBy(r => r.UserId)) upserts.Add((pending.RoomId, row));
            foreach (var user in pending.Members.Removals.Order()) removals.Add((pending.RoomId, user));
        }
        var commands = new List<NpgsqlBatchCommand>(2);
        if (upserts.Count > 0)
        {
            var upsert = new NpgsqlBatchCommand(UpsertMembers);
            var p = upsert.Parameters;
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. upserts.Select(u => u.Room)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. upserts.Select(u => u.Row.UserId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. upserts.Select(u => u.Row.Name)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. upserts.Select(u => u.Row.Role)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. upserts.Select(u => Millis(u.Row.JoinedAt))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. upserts.Select(u => u.Row.Avatar)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. upserts.Select(u => u.Row.Status)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = [.. upserts.Select(u => u.Row.LastActive is { } at ? Millis(at) : (DateTimeOffset?)null)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            commands.Add(upsert);
        }
        if (removals.Count > 0)
        {
            var remove = new NpgsqlBatchCommand(RemoveMembers);
            remove.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. removals.Select(r => r.Room)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            remove.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. removals.Select(r => r.User)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            commands.Add(remove);
        }
        return commands;
    }

    // Milliseconds in UTC, as the SQLite store keeps them, so a row reads back the same from either store.
    private static DateTimeOffset Millis(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private static NpgsqlBatchCommand TargetCommand(string sql, string roomId, RoomEvent e, params NpgsqlParameter[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.TargetSeq ?? 0 });
        foreach (var value in values) command.Parameters.Add(value);
        return command;
    }

    private async Task WriteRoomByRoomAsync(IReadOnlyList<PendingAppend> batch, int[] order, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inserts = new Dictionary<NpgsqlBatchCommand, int>();
        var next = 0;
        string? rollBackTo = null;

        // Everything goes out in one round trip. PostgreSQL skips the rest of a round trip after an error, so after a
        // rejected room batch the next round trip undoes it (ROLLBACK TO its savepoint) and carries on after it.
        while (next < order.Length || rollBackTo is not null)
        {
            await using var round = new NpgsqlBatch(connection, transaction);
            if (rollBackTo is not null)
            {
                round.BatchCommands.Add(new NpgsqlBatchCommand($"ROLLBACK TO SAVEPOINT {rollBackTo}"));
                round.BatchCommands.Add(new NpgsqlBatchCommand($"RELEASE SAVEPOINT {rollBackTo}"));
                rollBackTo = null;
            }
            var end = Math.Min(order.Length, next + RoomsPerRoundTrip);
            inserts.Clear();
            for (var position = next; position < end; position++)
            {
                var pending = batch[order[position]];
                if (pending.Events.Count == 0 && pending.Members.Count == 0) continue;
                round.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT r{position}"));
                var commands = new List<NpgsqlBatchCommand>();
                if (pending.Events.Count > 0) commands.Add(InsertCommand(pending));
                AddChanges(pending, commands);
                commands.AddRange(MemberCommands(batch, [order[position]]));
                foreach (var command in commands)
                {
                    inserts.Add(command, position);
                    round.BatchCommands.Add(command);
                }
                round.BatchCommands.Add(new NpgsqlBatchCommand($"RELEASE SAVEPOINT r{position}"));
            }

            try
            {
                if (round.BatchCommands.Count > 0) await round.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                next = end;
            }
            catch (PostgresException ex) when (ex.BatchCommand is { } failed && inserts.TryGetValue(failed, out var position) && IsRoomError(ex))
            {
                var pending = batch[order[position]];
                if (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    pending.Conflicted = true;
                }
                else
                {
                    // Data PostgreSQL cannot store (a NUL character, say) fails its own room only, not the whole commit.
                    _logger.LogWarning(ex, "PostgreSQL rejected an append of {Events} events to {Room}", pending.Events.Count, pending.RoomId);
                    pending.Fail(ex);
                }
                rollBackTo = $"r{position}";
                next = position + 1;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsRoomError(PostgresException ex) =>
        ex.SqlState == PostgresErrorCodes.UniqueViolation || ex.SqlState.StartsWith("22", StringComparison.Ordinal);

    private static NpgsqlBatchCommand InsertCommand(PendingAppend pending)
    {
        var columns = new EventColumns(pending.Events.Count);
        for (var i = 0; i < pending.Events.Count; i++) columns.Set(i, pending.Events[i]);
        var command = new NpgsqlBatchCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pending.RoomId, NpgsqlDbType = NpgsqlDbType.Text });
        columns.AddTo(command.Parameters);
        return command;
    }

    /// <summary>Events as one array per column, the shape the <c>unnest</c> inserts take.</summary>
    private sealed class EventColumns(int count)
    {
        private readonly long[] _seq = new long[count];
        private readonly string[] _kind = new string[count];
        private readonly Guid[] _author = new Guid[count];
        private readonly string[] _name = new string[count];
        private readonly string[] _client = new string[count];
        private readonly string[] _body = new string[count];
        private readonly long?[] _target = new long?[count];
        private readonly DateTimeOffset[] _at = new DateTimeOffset[count];
        private readonly string?[] _reactions = new string?[count];
        private readonly bool[] _pinned = new bool[count];
        private readonly string?[] _attachment = new string?[count];

        public void Set(int i, RoomEvent e)
        {
            _seq[i] = e.Seq;
            _kind[i] = e.Kind;
            _author[i] = e.AuthorId;
            _name[i] = e.AuthorName;
            _client[i] = e.ClientMsgId;
            _body[i] = e.Text;
            _target[i] = e.TargetSeq;
            // Milliseconds in UTC, as the SQLite store keeps them, so an event reads back the same from either store.
            _at[i] = DateTimeOffset.FromUnixTimeMilliseconds(e.At.ToUnixTimeMilliseconds());
            _reactions[i] = ReactionsJson.Write(e.Reactions);
            _pinned[i] = e.Pinned;
            _attachment[i] = AttachmentJson.Write(e.Attachment);
        }

        public void AddTo(NpgsqlParameterCollection parameters)
        {
            parameters.Add(new NpgsqlParameter<long[]> { TypedValue = _seq, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _kind, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = _author, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _name, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _client, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _body, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = _target, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = _at, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = _reactions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = _pinned, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
            parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = _attachment, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        }
    }

    public Task<IReadOnlyList<RoomEvent>> ReadAfterAsync(string roomId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"SELECT {Columns} FROM room_events WHERE room_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            roomId, afterSeq, limit, reverse: false, cancellationToken);

    public Task<IReadOnlyList<RoomEvent>> ReadBeforeAsync(string roomId, long beforeSeq, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"SELECT {Columns} FROM room_events WHERE room_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3",
            roomId, beforeSeq, limit, reverse: true, cancellationToken);

    public Task<IReadOnlyList<RoomEvent>> ReadPinnedAsync(string roomId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"SELECT {Columns} FROM room_events WHERE room_id = $1 AND pinned AND kind = 'message' AND seq > $2 ORDER BY seq LIMIT $3",
            roomId, 0, limit, reverse: false, cancellationToken);

    public async Task<IReadOnlyList<RoomEvent>> ReadMessagesOfAsync(string roomId, Guid authorId, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM room_events
            WHERE room_id = $1 AND author_id = $2 AND kind = 'message' AND NOT deleted AND created_at >= $3
            ORDER BY seq LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = authorId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var events = new List<RoomEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) events.Add(ReadEvent(reader));
        return events;
    }

    public Task<IReadOnlyList<FoundMessage>> SearchAsync(MessageSearch search, CancellationToken cancellationToken = default) =>
        PostgresSearchQuery.RunAsync(_dataSource, search, cancellationToken);

    public async Task<IReadOnlyList<MemberRow>> ReadMembersAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {MemberColumns} FROM room_members WHERE room_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
        var rows = new List<MemberRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new MemberRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return rows;
    }

    public async Task<long> ReadSequenceFloorAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT COALESCE(MAX(floor), 0) FROM sequence_floor");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    // A point lookup in the unique index room_events_client_msg_id (client id first; Tests check the plan).
    internal const string FindByClientIdSql =
        $"SELECT {Columns} FROM room_events WHERE room_id = $1 AND author_id = $2 AND client_msg_id = $3";

    public async Task<RoomEvent?> FindByClientIdAsync(string roomId, Guid authorId, string clientMsgId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(FindByClientIdSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = authorId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientMsgId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEvent(reader) : null;
    }

    private async Task<IReadOnlyList<RoomEvent>> ReadAsync(string sql, string roomId, long seq, int limit, bool reverse, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var events = new List<RoomEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) events.Add(ReadEvent(reader));
        }
        if (reverse) events.Reverse();
        return events;
    }

    private static RoomEvent ReadEvent(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetGuid(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetInt64(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetBoolean(9),
        ReactionsJson.Read(reader.IsDBNull(10) ? null : reader.GetString(10)),
        reader.GetBoolean(11),
        AttachmentJson.Read(reader.IsDBNull(12) ? null : reader.GetString(12)));

    public async ValueTask DisposeAsync()
    {
        await _committer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
