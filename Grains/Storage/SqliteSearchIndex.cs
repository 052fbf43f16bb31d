using Microsoft.Data.Sqlite;
using OrleansChat.Grains.Search;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The SQLite message search index: an FTS5 table <c>message_search</c> (tokenizer <c>unicode61 remove_diacritics 2</c>)
/// whose rowid a message's event row keeps in <c>room_events.search_row</c>, because <c>room_events</c> is
/// <c>WITHOUT ROWID</c> and has no rowid to share. A partial index on that column maps a hit back to its event; it is
/// appended at its right edge, so a message costs no insert at a random place in a second index.
/// Written by the event store's writer in the transaction of the events (<see cref="Writer"/>), so it is as current as
/// the messages; rowids grow with the commits, so newest first is FTS5's own descending rowid order.
/// </summary>
public static class SqliteSearchIndex
{
    private const string Index = """
        CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
        CREATE INDEX IF NOT EXISTS room_events_search_row ON room_events (search_row) WHERE search_row IS NOT NULL;
        """;

    /// <summary>
    /// Brings the file's index to this layout, in one transaction (a no-op when it is already there):
    /// a file from before search gets the index, filled with the messages already stored; a file of the first layout
    /// (a row map <c>message_search_rows</c> beside the FTS5 table) has its rowids copied into the event rows and the
    /// map dropped. The checks run inside the transaction, so two silos opening one file do not both migrate it.
    /// </summary>
    public static void Migrate(SqliteConnection connection)
    {
        connection.CreateFunction("chat_search_text", (string text) => SearchText.ForIndex(text), isDeterministic: true);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var migrate = connection.CreateCommand();
        migrate.Transaction = transaction;
        migrate.CommandText = """
            SELECT (SELECT COUNT(*) FROM pragma_table_info('room_events') WHERE name = 'search_row'),
                   (SELECT COUNT(*) FROM sqlite_master WHERE name = 'message_search'),
                   (SELECT COUNT(*) FROM sqlite_master WHERE name = 'message_search_rows')
            """;
        bool hasColumn, hasIndex, hasRowMap;
        using (var reader = migrate.ExecuteReader())
        {
            reader.Read();
            (hasColumn, hasIndex, hasRowMap) = (reader.GetInt64(0) > 0, reader.GetInt64(1) > 0, reader.GetInt64(2) > 0);
        }
        // An index without its rows' rowids anywhere cannot be mapped back to the events: it is built again.
        var build = !hasIndex || (!hasColumn && !hasRowMap);
        var sql = new System.Text.StringBuilder();
        if (hasIndex && build) sql.Append("DROP TABLE message_search;");
        if (!hasColumn) sql.Append("ALTER TABLE room_events ADD COLUMN search_row INTEGER NULL;");
        if (!build && hasRowMap)
        {
            sql.Append("""
                UPDATE room_events SET search_row = r.row FROM message_search_rows r
                WHERE room_events.room_id = r.room_id AND room_events.seq = r.seq;
                """);
        }
        sql.Append("DROP TABLE IF EXISTS message_search_rows;");
        if (build)
        {
            // secure-delete makes FTS5 remove a deleted message's words from the index at once instead of at a later
            // merge, so a deleted text is gone from the file when the delete is acknowledged. Rowids are given in the
            // order the messages were sent, so newest first holds for them too.
            sql.Append("""
                UPDATE room_events SET search_row = NULL WHERE search_row IS NOT NULL;
                UPDATE room_events SET search_row = n.row
                FROM (SELECT room_id, seq, row_number() OVER (ORDER BY created_at, room_id, seq) AS row
                      FROM room_events
                      WHERE kind = 'message' AND deleted = 0 AND (body <> '' OR coalesce(json_extract(attachment, '$.name'), '') <> '')) n
                WHERE room_events.room_id = n.room_id AND room_events.seq = n.seq;
                """);
            sql.Append(Index);
            sql.Append("""
                INSERT INTO message_search (message_search, rank) VALUES ('secure-delete', 1);
                INSERT INTO message_search (rowid, text)
                    SELECT search_row, chat_search_text(body || CASE WHEN body <> '' AND coalesce(json_extract(attachment, '$.name'), '') <> '' THEN char(10) ELSE '' END || coalesce(json_extract(attachment, '$.name'), ''))
                    FROM room_events WHERE search_row IS NOT NULL ORDER BY search_row;
                """);
        }
        else
        {
            sql.Append(Index);
        }
        migrate.CommandText = sql.ToString();
        migrate.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// The index's statements that nearly every commit runs (at chat rates a commit is often one message), prepared once
    /// on the writer's connection and kept for its life (<see cref="SqliteStatement"/>).
    /// </summary>
    public sealed class WriterStatements(SqliteConnection connection) : IDisposable
    {
        /// <summary>A message's words under the rowid <see cref="Writer.RowOf"/> gave.</summary>
        public SqliteStatement Add { get; } = new(connection, "INSERT INTO message_search (rowid, text) VALUES (?1, ?2)");

        /// <summary>The last rowid given (0 for none).</summary>
        public SqliteStatement LastRow { get; } = new(connection, "SELECT coalesce(max(search_row), 0) FROM room_events WHERE search_row IS NOT NULL");

        public void Dispose()
        {
            Add.Dispose();
            LastRow.Dispose();
        }
    }

    /// <summary>The index's statements of one write transaction; those that are not <paramref name="statements"/> are prepared when its first message needs them.</summary>
    public sealed class Writer(SqliteConnection connection, SqliteTransaction transaction, WriterStatements statements) : IDisposable
    {
        private static readonly (string, SqliteType) Room = ("$room", SqliteType.Text);
        private static readonly (string, SqliteType) Seq = ("$seq", SqliteType.Integer);

        private long _nextRow;
        private SqliteCommand? _edit;
        private SqliteCommand? _remove;

        /// <summary>
        /// The rowid a message's words get in the index (null when it has none to index), for its event row's
        /// <c>search_row</c>; then <see cref="Added"/> writes the words.
        /// </summary>
        public long? RowOf(RoomEvent message)
        {
            if (Searchable(message.Text, message.Attachment?.Name).Length == 0) return null;
            if (_nextRow == 0)
            {
                // Read once per commit, inside the write transaction, rather than once per process: the silos of a
                // test cluster (and a tool next to a silo) write one file through writers of their own, and the
                // transaction's write lock is what orders them. One descent to the partial index's right edge, a page
                // the commit writes anyway. A deleted message keeps its search_row, so a rowid is never given twice.
                _nextRow = statements.LastRow.ReadInt64() + 1;
            }
            return _nextRow++;
        }

        public void Added(long row, RoomEvent message)
        {
            statements.Add.Bind(1, row).Bind(2, SearchText.ForIndex(Searchable(message.Text, message.Attachment?.Name))).Run();
        }

        public void Edited(string roomId, long seq, string text)
        {
            // The file the message carries keeps its name in the index (an edit changes only the words). The event's
            // row, just updated, gives both the name and the index row.
            _edit ??= Prepare(
                """
                UPDATE message_search
                SET text = $text || coalesce(char(10) || (SELECT json_extract(attachment, '$.name') FROM room_events WHERE room_id = $room AND seq = $seq), '')
                WHERE rowid = (SELECT search_row FROM room_events WHERE room_id = $room AND seq = $seq)
                """, Room, Seq, ("$text", SqliteType.Text));
            Run(_edit, roomId, seq, text);
        }

        /// <summary>What is indexed of a message: its words, and on a line of its own the name of the file it carries.</summary>
        internal static string Searchable(string text, string? fileName) =>
            string.IsNullOrEmpty(fileName) ? text : text.Length == 0 ? fileName : text + "\n" + fileName;

        public void Deleted(string roomId, long seq)
        {
            _remove ??= Prepare(
                "DELETE FROM message_search WHERE rowid = (SELECT search_row FROM room_events WHERE room_id = $room AND seq = $seq)",
                Room, Seq);
            Run(_remove, roomId, seq, null);
        }

        private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, type) in parameters) command.Parameters.Add(name, type);
            return command;
        }

        private static void Run(SqliteCommand command, string roomId, long seq, string? text)
        {
            command.Parameters["$room"].Value = roomId;
            command.Parameters["$seq"].Value = seq;
            if (text is not null) command.Parameters["$text"].Value = SearchText.ForIndex(text);
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _edit?.Dispose();
            _remove?.Dispose();
        }
    }
}
