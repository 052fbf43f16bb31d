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
    private readonly Channel<PendingAppend> _queue;
    private readonly Func<IReadOnlyList<PendingAppend>, CancellationToken, Task> _writeBatch;
    private readonly ILogger _logger;
    private readonly int _maxEventsPerCommit;
    private readonly KeyValuePair<string, object?> _storeTag;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private readonly Action _wakeWriter;

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
        _wakeWriter = _wake.Set;
        // The writer's thread is woken by the enqueuer itself (a futex wake), not by a thread-pool item that wakes it.
        _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = dedicatedThread });
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

    public Task<AppendOutcome> EnqueueAsync(string roomId, IReadOnlyList<RoomEvent> events, MemberWrites? members = null)
    {
        var pending = new PendingAppend(roomId, events, members) { Span = StartAppendSpan(roomId, events.Count) };
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Span?.Dispose();
            throw new ObjectDisposedException(nameof(GroupCommitter));
        }
        return pending.Completion;
    }

    /// <summary>
    /// A child of the caller's span (the room grain's call, when Orleans propagates the trace) that lasts until the
    /// commit; the caller's own span stays current, since this method returns before the wait.
    /// </summary>
    private static Activity? StartAppendSpan(string roomId, int events)
    {
        if (!ChatTracing.Source.HasListeners()) return null;
        var caller = Activity.Current;
        var span = ChatTracing.Source.StartActivity("chat.store.append");
        span?.SetTag("chat.room", roomId).SetTag("chat.events", events);
        Activity.Current = caller;
        return span;
    }

    private async Task RunAsync()
    {
        // The loop was started from whatever span was current at construction; its commits belong to no caller.
        Activity.Current = null;
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
        Activity.Current = null;
        var batch = new List<PendingAppend>();
        try
        {
            while (WaitForWork())
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

    /// <summary>
    /// Blocks the writer's thread until something is queued (false: the queue was completed). A kernel wait without
    /// spinning: a blocked <c>Task</c> spins (a sched_yield each) before it sleeps, which at chat rates, where the
    /// writer waits after nearly every commit, cost more CPU than the waits saved.
    /// </summary>
    private bool WaitForWork()
    {
        var wait = _queue.Reader.WaitToReadAsync();
        if (wait.IsCompleted) return wait.GetAwaiter().GetResult();
        _wake.Reset();
        var awaiter = wait.ConfigureAwait(false).GetAwaiter();
        awaiter.UnsafeOnCompleted(_wakeWriter);
        _wake.Wait();
        return awaiter.GetResult();
    }

    /// <summary>
    /// Takes what is queued, up to the commit size (events and member rows), into <paramref name="batch"/>; returns its
    /// event count.
    /// </summary>
    private int Drain(List<PendingAppend> batch)
    {
        batch.Clear();
        var events = 0;
        var rows = 0;
        while (events + rows < _maxEventsPerCommit && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
            events += pending.Events.Count;
            rows += pending.Members.Count;
        }
        return events;
    }

    private async Task WriteAsync(List<PendingAppend> batch, int events)
    {
        var started = Stopwatch.GetTimestamp();
        using var commit = StartCommitSpan(batch, events);
        try
        {
            await _writeBatch(batch, _stopping.Token).ConfigureAwait(false);
            Commits++;
            ChatMetrics.Commits.Add(1, _storeTag, new("outcome", "committed"));
            ChatMetrics.CommitEvents.Record(events, _storeTag);
            ChatMetrics.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _storeTag);
            foreach (var pending in batch) EndAppendSpan(pending, commit, ok: true).Complete();
        }
        catch (Exception ex)
        {
            ChatMetrics.Commits.Add(1, _storeTag, new("outcome", "failed"));
            // Nothing of this commit is acknowledged; the rooms report the failure to their senders, who retry.
            _logger.LogError(ex, "A group commit of {Appends} appends ({Events} events) failed", batch.Count, events);
            commit?.SetStatus(ActivityStatusCode.Error, ex.Message);
            foreach (var pending in batch) EndAppendSpan(pending, commit, ok: false).Fail(ex);
        }
    }

    /// <summary>
    /// One commit serves the batches of many sends, each in a trace of its own: rather than pretend one of them is its
    /// parent, the commit is a span of its own that links to every batch's append span.
    /// </summary>
    private Activity? StartCommitSpan(List<PendingAppend> batch, int events)
    {
        if (!ChatTracing.Source.HasListeners()) return null;
        // Stopping an append span may have made its caller's span current here: a commit has no parent.
        Activity.Current = null;
        var links = batch.Where(p => p.Span is not null).Select(p => new ActivityLink(p.Span!.Context)).ToList();
        var span = ChatTracing.Source.StartActivity("chat.store.commit", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag("chat.store", _storeTag.Value).SetTag("chat.appends", batch.Count).SetTag("chat.events", events);
        return span;
    }

    /// <summary>Ends a batch's append span with a link back to the commit that served it.</summary>
    private static PendingAppend EndAppendSpan(PendingAppend pending, Activity? commit, bool ok)
    {
        if (pending.Span is { } span)
        {
            if (commit is not null) span.AddLink(new ActivityLink(commit.Context));
            if (!ok) span.SetStatus(ActivityStatusCode.Error);
            span.Dispose();
        }
        return pending;
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
