using Microsoft.Data.Sqlite;
using OrleansChat.Grains.Search;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The SQLite message search index: an FTS5 table <c>message_search</c> (tokenizer <c>unicode61 remove_diacritics 2</c>)
/// whose rowid is a row of <c>message_search_rows</c> (room, seq), because <c>room_events</c> has no rowid to share.
/// Written by the event store's writer in the transaction of the events (<see cref="Writer"/>), so it is as current as
/// the messages; rowids grow with the commits, so newest first is FTS5's own descending rowid order.
/// </summary>
public static class SqliteSearchIndex
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS message_search_rows (
            row     INTEGER PRIMARY KEY,
            room_id TEXT    NOT NULL,
            seq     INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS message_search_rows_key ON message_search_rows (room_id, seq);
        CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
        """;

    /// <summary>
    /// Creates the index if the file has none, and fills it with the messages already stored (a file from before
    /// search), in one transaction. <c>secure-delete</c> makes FTS5 remove a deleted message's words from the index at
    /// once instead of at a later merge, so a deleted text is gone from the file when the delete is acknowledged.
    /// </summary>
    public static void Migrate(SqliteConnection connection)
    {
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'message_search'";
            if ((long)exists.ExecuteScalar()! > 0) return;
        }
        connection.CreateFunction("chat_search_text", (string text) => SearchText.ForIndex(text), isDeterministic: true);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var create = connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText = Schema + """
            INSERT INTO message_search (message_search, rank) VALUES ('secure-delete', 1);
            INSERT INTO message_search_rows (room_id, seq)
                SELECT room_id, seq FROM room_events WHERE kind = 'message' AND deleted = 0 AND body <> '' ORDER BY created_at, room_id, seq;
            INSERT INTO message_search (rowid, text)
                SELECT r.row, chat_search_text(e.body) FROM message_search_rows r JOIN room_events e ON e.room_id = r.room_id AND e.seq = r.seq;
            """;
        create.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>The index's statements of one write transaction, prepared when its first message needs them.</summary>
    public sealed class Writer(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        private SqliteCommand? _add;
        private SqliteCommand? _edit;
        private SqliteCommand? _remove;

        public void Added(string roomId, RoomEvent message)
        {
            var text = Searchable(message.Text, message.Attachment?.Name);
            if (text.Length == 0) return;
            _add ??= Prepare("""
                INSERT INTO message_search_rows (room_id, seq) VALUES ($room, $seq);
                INSERT INTO message_search (rowid, text) VALUES (last_insert_rowid(), $text);
                """, withText: true);
            Run(_add, roomId, message.Seq, text);
        }

        public void Edited(string roomId, long seq, string text)
        {
            // The file the message carries keeps its name in the index (an edit changes only the words).
            _edit ??= Prepare(
                """
                UPDATE message_search
                SET text = $text || coalesce(char(10) || (SELECT json_extract(attachment, '$.name') FROM room_events WHERE room_id = $room AND seq = $seq), '')
                WHERE rowid = (SELECT row FROM message_search_rows WHERE room_id = $room AND seq = $seq)
                """, withText: true);
            Run(_edit, roomId, seq, text);
        }

        /// <summary>What is indexed of a message: its words, and on a line of its own the name of the file it carries.</summary>
        internal static string Searchable(string text, string? fileName) =>
            string.IsNullOrEmpty(fileName) ? text : text.Length == 0 ? fileName : text + "\n" + fileName;

        public void Deleted(string roomId, long seq)
        {
            _remove ??= Prepare("""
                DELETE FROM message_search WHERE rowid = (SELECT row FROM message_search_rows WHERE room_id = $room AND seq = $seq);
                DELETE FROM message_search_rows WHERE room_id = $room AND seq = $seq;
                """, withText: false);
            Run(_remove, roomId, seq, null);
        }

        private SqliteCommand Prepare(string sql, bool withText)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.Add("$room", SqliteType.Text);
            command.Parameters.Add("$seq", SqliteType.Integer);
            if (withText) command.Parameters.Add("$text", SqliteType.Text);
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
            _add?.Dispose();
            _edit?.Dispose();
            _remove?.Dispose();
        }
    }
}
