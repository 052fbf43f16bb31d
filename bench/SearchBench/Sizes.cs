using Microsoft.Data.Sqlite;
using Npgsql;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Bench.Search;

/// <summary>The sizes of the event table and of the search index, in MB.</summary>
public static class Sizes
{
    public static Task<object> SqliteAsync(SqliteDatabase database)
    {
        using var connection = database.Open();
        double Query(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Math.Round(Convert.ToDouble(command.ExecuteScalar() ?? 0.0) / 1048576.0, 1);
        }
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        return Task.FromResult<object>(new
        {
            fileMB = Math.Round(new FileInfo(database.Path).Length / 1048576.0, 1),
            // The bundled SQLite has no dbstat: the payload bytes of each part instead of its pages.
            messageTextMB = Query("SELECT SUM(length(CAST(body AS BLOB))) FROM room_events"),
            ftsIndexMB = Query("SELECT SUM(length(block)) FROM message_search_data"),
            ftsContentMB = Query("SELECT SUM(length(CAST(c0 AS BLOB))) FROM message_search_content"),
            // The partial index room_events_search_row: the rowid and the event's key per indexed message.
            searchRowIndexMB = Query("SELECT SUM(length(CAST(room_id AS BLOB)) + 12) FROM room_events WHERE search_row IS NOT NULL"),
        });
    }

    public static async Task<object> PostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<double> Query(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Math.Round(Convert.ToDouble(await command.ExecuteScalarAsync()) / 1048576.0, 1);
        }
        return new
        {
            tableMB = await Query("SELECT pg_table_size('room_events')"),
            tableIndexesMB = await Query("SELECT pg_indexes_size('room_events') - pg_relation_size('room_events_search')"),
            searchIndexMB = await Query("SELECT pg_relation_size('room_events_search')"),
            searchColumnMB = await Query("SELECT COALESCE(SUM(pg_column_size(search)), 0) FROM room_events"),
        };
    }
}
