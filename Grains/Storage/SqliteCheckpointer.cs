using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file on a connection and thread of its own, a short while after
/// the event writer committed, so that a commit never waits for a checkpoint. A checkpoint of 10,000 pages takes
/// 0.2–0.3 s on a virtual disk; run by the writer (SQLite's automatic checkpoint) it stalled every room's sends for that
/// long every few seconds under load (docs/benchmarks.md, "Session 6"). Checkpoints here are PASSIVE: they copy what
/// the WAL holds without waiting for or blocking the writer and readers.
/// </summary>
/// <remarks>
/// The writer keeps its own automatic checkpoint as the bound of the WAL's length: the log restarts from its beginning
/// only when a transaction starts after everything in it was copied, which a writer that never pauses may not allow.
/// When the writer's checkpoint runs, this one has already copied nearly everything, so it costs little.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    // After a checkpoint that left frames behind (the writer went on appending meanwhile), run again at once this many
    // times: the remainder is small, and a log copied to its end lets the next commit restart it.
    private const int CatchUpRounds = 4;

    private readonly SqliteDatabase _database;
    private readonly TimeSpan _delay;
    private readonly ILogger _logger;
    private readonly AutoResetEvent _written = new(false);
    private readonly ManualResetEvent _stop = new(false);
    private readonly Thread _thread;
    private SqliteConnection? _connection;
    private int _disposed;

    public SqliteCheckpointer(SqliteDatabase database, TimeSpan delay, ILogger logger)
    {
        _database = database;
        _delay = delay;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite checkpointer" };
        _thread.Start();
    }

    /// <summary>The writer committed: the WAL has new pages to copy.</summary>
    public void Written() => _written.Set();

    private void Run()
    {
        WaitHandle[] wake = [_stop, _written];
        while (WaitHandle.WaitAny(wake) == 1)
        {
            // Waiting a little after the first commit lets a page that many commits change be copied once.
            if (_stop.WaitOne(_delay)) break;
            try
            {
                for (var round = 0; round < CatchUpRounds && !_stop.WaitOne(0); round++)
                {
                    if (Checkpoint()) break;
                }
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
            {
                // The next commit wakes it again; the writer's own checkpoint bounds the log meanwhile.
                _logger.LogWarning(ex, "WAL checkpoint failed");
                _connection?.Dispose();
                _connection = null;
            }
        }
        _connection?.Dispose();
    }

    // True when the whole log is in the database file. PRAGMA wal_checkpoint answers (busy, frames in the log, frames
    // copied); busy (another checkpoint ran, e.g. the writer's) or frames left behind (the writer appended meanwhile)
    // mean: go again.
    private bool Checkpoint()
    {
        _connection ??= _database.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return true;
        var (busy, logged, copied) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        _logger.LogDebug("WAL checkpoint: {Copied} of {Logged} frames in the database file", copied, logged);
        return busy == 0 && copied >= logged;
    }

    // Idempotent (the host disposes the store once per registration). The wait handles are left to the finalizer: the
    // writer may still call Written after the stop.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Set();
        _thread.Join();
    }
}
