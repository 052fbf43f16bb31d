using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using OrleansChat.Grains.Search;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// A search on PostgreSQL's full-text index (Schema/008): <c>websearch_to_tsquery</c> of the terms in the
/// <c>chat_search</c> configuration, matched against the generated <c>search</c> column through the GIN index on
/// (room_id, search), newest first; the snippet is <c>ts_headline</c> of the page's rows only. Bounded by a
/// <c>statement_timeout</c> local to the search's transaction.
/// </summary>
public static class PostgresSearchQuery
{
    private const string Sql = """
        SELECT e.room_id, e.seq, e.author_id, e.author_name, e.created_at,
               ts_headline('chat_search', chat_search_text(e.body || coalesce(E'\n' || regexp_replace(e.attachment ->> 'name', '[._-]+', ' ', 'g'), '')), $2::tsquery,
                           'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=24, MinWords=12')
        FROM (
            SELECT room_id, seq, author_id, author_name, created_at, body, attachment
            FROM room_events
            WHERE room_id = ANY($1) AND search IS NOT NULL AND search @@ $2::tsquery
              AND ($3::uuid IS NULL OR author_id = $3)
              AND ($4::timestamptz IS NULL OR created_at >= $4)
              AND ($5::timestamptz IS NULL OR created_at < $5)
              AND ($6::timestamptz IS NULL OR (created_at, seq, room_id) < ($6, $7, $8))
            ORDER BY created_at DESC, seq DESC, room_id DESC
            LIMIT $9
        ) e
        ORDER BY e.created_at DESC, e.seq DESC, e.room_id DESC
        """;

    private const string QueryCanceled = "57014";

    public static async Task<IReadOnlyList<FoundMessage>> RunAsync(NpgsqlDataSource dataSource, MessageSearch search, CancellationToken cancellationToken)
    {
        var (cursorAt, cursorSeq, cursorRoom) = ParseCursor(search.Cursor);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var milliseconds = Math.Max(1, (long)search.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await using (var timeout = new NpgsqlCommand($"SET LOCAL statement_timeout = {milliseconds}", connection, transaction))
        {
            await timeout.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            await using (var parse = new NpgsqlCommand("SELECT websearch_to_tsquery('chat_search', $1)::text", connection, transaction))
            {
                parse.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WebSearch(search) });
                var tsquery = (string)(await parse.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                // websearch_to_tsquery drops what is no word (punctuation); with nothing left there is nothing to find.
                if (tsquery.Length == 0) return [];
                return await FindAsync(connection, transaction, search, tsquery, (cursorAt, cursorSeq, cursorRoom), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == QueryCanceled && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The search ran longer than {search.Timeout.TotalSeconds:0.#} s.", ex);
        }
    }

    private static async Task<IReadOnlyList<FoundMessage>> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        MessageSearch search, string tsquery, (DateTimeOffset? At, long Seq, string Room) cursor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. search.RoomIds], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tsquery });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)search.AuthorId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)search.After ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)search.Before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)cursor.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cursor.Seq });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cursor.Room });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = search.Limit });
        var found = new List<FoundMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var at = reader.GetFieldValue<DateTimeOffset>(4);
            var roomId = reader.GetString(0);
            var seq = reader.GetInt64(1);
            found.Add(new FoundMessage(roomId, seq, reader.GetGuid(2), reader.GetString(3), at, reader.GetString(5), Cursor(at, seq, roomId)));
        }
        return found;
    }

    /// <summary>
    /// The input of <c>websearch_to_tsquery</c>: every term a quoted phrase (so a user's <c>or</c> and <c>-</c> inside
    /// it are words), the excluded ones after <c>-</c>.
    /// </summary>
    public static string WebSearch(MessageSearch search)
    {
        var text = new StringBuilder();
        foreach (var term in search.Terms) text.Append(" \"").Append(Clean(term)).Append('"');
        foreach (var term in search.Excluded) text.Append(" -\"").Append(Clean(term)).Append('"');
        return text.ToString().Trim();
    }

    private static string Clean(string term) => SearchText.ForIndex(term).Replace('"', ' ');

    // The position of a row in the order of the results: its time (microseconds), seq and room.
    private static string Cursor(DateTimeOffset at, long seq, string roomId) =>
        string.Create(CultureInfo.InvariantCulture, $"{(at - DateTimeOffset.UnixEpoch).Ticks / 10}.{seq}.{roomId}");

    private static (DateTimeOffset? At, long Seq, string Room) ParseCursor(string? cursor)
    {
        if (cursor is null) return (null, 0, "");
        var parts = cursor.Split('.', 3);
        if (parts.Length == 3
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            && micros < DateTimeOffset.MaxValue.Ticks / 10 - DateTimeOffset.UnixEpoch.Ticks / 10)
            return (DateTimeOffset.UnixEpoch.AddTicks(micros * 10), seq, parts[2]);
        throw new ArgumentException("Not a cursor of this store.", nameof(cursor));
    }
}
