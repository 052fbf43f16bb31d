using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The room event log in PostgreSQL (the cluster store). Appends from all rooms are group-committed: one transaction
/// per batch, a savepoint per room batch, sent in as few round trips as possible. The tables must exist
/// (<see cref="PostgresSchema.EnsureSchemaAsync"/>).
/// </summary>
public sealed class PostgresRoomEventStore : IRoomEventStore, IAsyncDisposable
{
    private const string Columns = "seq, kind, author_id, author_name, client_msg_id, body, target_seq, created_at";

    // One statement per room batch, whatever its size: the events travel as one array per column.
    private const string Insert = $"""
        INSERT INTO room_events (room_id, {Columns})
        SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::timestamptz[])
        """;

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

    private async Task WriteBatchAsync(IReadOnlyList<PendingAppend> batch, CancellationToken cancellationToken)
    {
        // Writers on other silos take the row locks in the same (room) order, so two commits that touch the same keys
        // (two activations of one room) wait for each other instead of deadlocking.
        var order = Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].RoomId, StringComparer.Ordinal).ToArray();
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
                if (pending.Events.Count == 0) continue;
                var insert = InsertCommand(pending);
                inserts.Add(insert, position);
                round.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT r{position}"));
                round.BatchCommands.Add(insert);
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
        var events = pending.Events;
        var seq = new long[events.Count];
        var kind = new string[events.Count];
        var author = new Guid[events.Count];
        var name = new string[events.Count];
        var client = new string[events.Count];
        var body = new string[events.Count];
        var target = new long?[events.Count];
        var at = new DateTimeOffset[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            seq[i] = e.Seq;
            kind[i] = e.Kind;
            author[i] = e.AuthorId;
            name[i] = e.AuthorName;
            client[i] = e.ClientMsgId;
            body[i] = e.Text;
            target[i] = e.TargetSeq;
            // Milliseconds in UTC, as the SQLite store keeps them, so an event reads back the same from either store.
            at[i] = DateTimeOffset.FromUnixTimeMilliseconds(e.At.ToUnixTimeMilliseconds());
        }

        var command = new NpgsqlBatchCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pending.RoomId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seq, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = kind, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = author, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = name, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = client, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = body, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = target, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = at, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        return command;
    }

    public Task<IReadOnlyList<RoomEvent>> ReadAfterAsync(string roomId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"SELECT {Columns} FROM room_events WHERE room_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            roomId, afterSeq, limit, reverse: false, cancellationToken);

    public Task<IReadOnlyList<RoomEvent>> ReadBeforeAsync(string roomId, long beforeSeq, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"SELECT {Columns} FROM room_events WHERE room_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3",
            roomId, beforeSeq, limit, reverse: true, cancellationToken);

    public async Task<long> GetLastSeqAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT COALESCE(MAX(seq), 0) FROM room_events WHERE room_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = roomId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<RoomEvent?> FindByClientIdAsync(string roomId, Guid authorId, string clientMsgId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM room_events WHERE room_id = $1 AND author_id = $2 AND client_msg_id = $3");
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
        reader.GetFieldValue<DateTimeOffset>(7));

    public async ValueTask DisposeAsync()
    {
        await _committer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
