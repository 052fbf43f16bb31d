using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OrleansChat.Grains.Search;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// A search on the SQLite index (<see cref="SqliteSearchIndex"/>): FTS5 walks the matches newest first (descending
/// rowid) and stops at the page's limit, keeping those of the user's rooms and filters. Bounded: SQLite has no
/// statement timeout, so a progress handler stops the statement when the search's time is up.
/// </summary>
public static class SqliteSearchQuery
{
    private const int SqliteInterrupt = 9;

    // {rooms}: one parameter per room, so that SQLite checks each candidate against an index of the list (a json_each
    // table here was scanned again for every candidate). A hit reaches its event through the partial index
    // room_events_search_row, whose entries carry the event's key: the room is checked there, before the row is read.
    private const string Sql = """
        SELECT e.room_id, e.seq, e.author_id, e.author_name, e.created_at,
               snippet(message_search, 0, char(2), char(3), '…', 24), s.rowid
        FROM message_search s
        JOIN room_events e ON e.search_row = s.rowid
        WHERE message_search MATCH $match
          AND e.room_id IN ({rooms})
          AND ($author IS NULL OR e.author_id = $author)
          AND ($after IS NULL OR e.created_at >= $after)
          AND ($before IS NULL OR e.created_at < $before)
          AND ($cursor IS NULL OR s.rowid < $cursor)
        ORDER BY s.rowid DESC
        LIMIT $limit
        """;

    public static IReadOnlyList<FoundMessage> Run(SqliteDatabase database, MessageSearch search, CancellationToken cancellationToken)
    {
        long? cursor = search.Cursor is null ? null
            : long.TryParse(search.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row
            : throw new ArgumentException("Not a cursor of this store.", nameof(search));
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Sql.Replace("{rooms}", string.Join(", ", search.RoomIds.Select((_, i) => "$r" + i.ToString(CultureInfo.InvariantCulture))), StringComparison.Ordinal);
        for (var i = 0; i < search.RoomIds.Count; i++) command.Parameters.AddWithValue("$r" + i.ToString(CultureInfo.InvariantCulture), search.RoomIds[i]);
        command.Parameters.AddWithValue("$match", Match(search));
        command.Parameters.AddWithValue("$author", (object?)search.AuthorId?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)search.After?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$before", (object?)search.Before?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$cursor", (object?)cursor ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", search.Limit);

        // SQLite checks the clock itself every 1,000 virtual machine steps (a progress handler) and stops the statement
        // once the time is up: no timer thread whose delay under load could let a scan run on. Removed before the
        // connection goes back to the pool.
        var clock = Stopwatch.StartNew();
        var handle = connection.Handle!;
        SQLitePCL.raw.sqlite3_progress_handler(handle, 1000,
            _ => clock.Elapsed > search.Timeout || cancellationToken.IsCancellationRequested ? 1 : 0, null);
        var found = new List<FoundMessage>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new FoundMessage(
                    reader.GetString(0),
                    reader.GetInt64(1),
                    Guid.Parse(reader.GetString(2)),
                    reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    reader.GetString(5),
                    reader.GetInt64(6).ToString(CultureInfo.InvariantCulture)));
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteInterrupt)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"The search ran longer than {search.Timeout.TotalSeconds:0.#} s.", ex);
        }
        finally
        {
            SQLitePCL.raw.sqlite3_progress_handler(handle, 0, null, null);
        }
        return found;
    }

    /// <summary>
    /// The FTS5 query: every term a quoted string (so FTS5 operators typed by a user are just text, and FTS5's own
    /// tokenizer splits it as it split the messages), all required, the excluded ones after NOT.
    /// </summary>
    public static string Match(MessageSearch search)
    {
        var match = new StringBuilder();
        foreach (var term in search.Terms)
        {
            if (match.Length > 0) match.Append(" AND ");
            match.Append(Quote(term));
        }
        foreach (var term in search.Excluded) match.Append(" NOT ").Append(Quote(term));
        return match.ToString();
    }

    private static string Quote(string term) => "\"" + SearchText.ForIndex(term).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
