using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Diagnostics;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// Collects appends from many rooms and hands them to one writer in batches, so that one durable commit acknowledges
/// many messages. A batch's tasks complete only after <c>writeBatch</c> has returned, i.e. after the commit.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<PendingAppend>, CancellationToken, Task> _writeBatch;
    private readonly ILogger _logger;
    private readonly int _maxEventsPerCommit;
    private readonly KeyValuePair<string, object?> _storeTag;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="writeBatch">Writes and commits every pending append, setting <see cref="PendingAppend.Conflicted"/> on the rejected ones.</param>
    /// <param name="store">The store's name in metrics (<c>sqlite</c>, <c>postgres</c>).</param>
    /// <param name="dedicatedThread">
    /// Run the writer on a thread of its own, for a store that writes synchronously (SQLite): a commit then never
    /// holds a thread-pool thread, which on a small machine is one of the few that serve the sockets and the grains.
    /// </param>
    public GroupCommitter(
        Func<IReadOnlyList<PendingAppend>, CancellationToken, Task> writeBatch,
        ILogger logger,
        int maxEventsPerCommit = 5000,
        string store = "store",
        bool dedicatedThread = false)
    {
        _storeTag = new("store", store);
        _writeBatch = writeBatch;
        _logger = logger;
        _maxEventsPerCommit = maxEventsPerCommit;
        if (dedicatedThread)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() => RunOnThread(done)) { IsBackground = true, Name = $"{store} writer" };
            thread.Start();
            _loop = done.Task;
        }
        else
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Commits written, for tests of batching (metrics count them in <see cref="ChatMetrics.Commits"/>).</summary>
    public long Commits { get; private set; }

    public Task<AppendOutcome> EnqueueAsync(string roomId, IReadOnlyList<RoomEvent> events)
    {
        var pending = new PendingAppend(roomId, events);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(GroupCommitter));
        return pending.Completion;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                await WriteAsync(batch, Drain(batch)).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "The group commit loop stopped");
            throw;
        }
    }

    private void RunOnThread(TaskCompletionSource done)
    {
        // The same loop with blocking waits: this thread belongs to the writer alone, and a synchronous store's
        // writes complete without yielding, so the whole commit runs here.
        var batch = new List<PendingAppend>();
        try
        {
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                WriteAsync(batch, Drain(batch)).GetAwaiter().GetResult();
            }
            done.SetResult();
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "The group commit loop stopped");
            done.SetException(ex);
        }
    }

    /// <summary>Takes what is queued, up to the commit size, into <paramref name="batch"/>; returns its event count.</summary>
    private int Drain(List<PendingAppend> batch)
    {
        batch.Clear();
        var events = 0;
        while (events < _maxEventsPerCommit && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
            events += pending.Events.Count;
        }
        return events;
    }

    private async Task WriteAsync(List<PendingAppend> batch, int events)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _writeBatch(batch, _stopping.Token).ConfigureAwait(false);
            Commits++;
            ChatMetrics.Commits.Add(1, _storeTag, new("outcome", "committed"));
            ChatMetrics.CommitEvents.Record(events, _storeTag);
            ChatMetrics.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _storeTag);
            foreach (var pending in batch) pending.Complete();
        }
        catch (Exception ex)
        {
            ChatMetrics.Commits.Add(1, _storeTag, new("outcome", "failed"));
            // Nothing of this commit is acknowledged; the rooms report the failure to their senders, who retry.
            _logger.LogError(ex, "A group commit of {Appends} appends ({Events} events) failed", batch.Count, events);
            foreach (var pending in batch) pending.Fail(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
    }
}
