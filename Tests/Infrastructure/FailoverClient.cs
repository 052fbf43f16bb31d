using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A SignalR client of a cluster that behaves as the browser does when things break: a send that fails is sent again
/// with the same client message id; a connection that closes is replaced at once by one to the next gateway that
/// answers (what a browser behind a load balancer gets). It records what it receives by push, with the arrival time,
/// and when each of its sends was acknowledged.
/// </summary>
public sealed class FailoverClient : IAsyncDisposable
{
    private const int MaxAttempts = 20;
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryPace = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReconnectFor = TimeSpan.FromSeconds(20);

    private readonly IReadOnlyList<Uri> _gateways;
    private readonly Lock _lock = new();
    private readonly List<(string Room, RoomEvent Event, DateTimeOffset At)> _pushed = [];
    private readonly List<(string Room, MemberChange Change, DateTimeOffset At)> _changes = [];
    private readonly List<(string Room, MemberInfo Member, DateTimeOffset At)> _presence = [];
    private readonly List<(Func<FailoverClient, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly SemaphoreSlim _reconnecting = new(1, 1);
    private HubConnection? _connection;
    private bool _disposed;
    private int _outOfOrder;

    private readonly bool _reconnectWhenClosed;

    private FailoverClient(ChatEndpoints.Session session, IReadOnlyList<Uri> gateways, int gateway, bool reconnectWhenClosed)
    {
        Session = session;
        _gateways = gateways;
        Gateway = gateway;
        _reconnectWhenClosed = reconnectWhenClosed;
    }

    public ChatEndpoints.Session Session { get; }

    /// <summary>Index of the gateway the client is connected to now.</summary>
    public int Gateway { get; private set; }

    /// <summary>Pushed events that came, on one connection, after a newer event of their room (or twice).</summary>
    public int OutOfOrderPushes
    {
        get
        {
            lock (_lock) return _outOfOrder;
        }
    }

    public HubConnection Connection => _connection ?? throw new InvalidOperationException("Not connected.");

    /// <summary>Every failed connection attempt: when it started and ended, and why (for a test's report).</summary>
    public List<(DateTimeOffset Started, DateTimeOffset Failed, string Error)> ConnectFailures { get; } = [];

    /// <summary>Every acknowledged send: when its successful attempt started, and when the ack arrived.</summary>
    public List<(string ClientMsgId, long Seq, DateTimeOffset AttemptStarted, DateTimeOffset AckedAt)> Acks { get; } = [];

    /// <param name="reconnectWhenClosed">False for a user who leaves when its connection breaks (closes the tab).</param>
    public static async Task<FailoverClient> ConnectAsync(IReadOnlyList<Uri> gateways, int gateway, bool reconnectWhenClosed = true)
    {
        var session = await NewSessionAsync(gateways[gateway]);
        var client = new FailoverClient(session, gateways, gateway, reconnectWhenClosed);
        await client.ConnectAsync(gateway);
        return client;
    }

    /// <summary>
    /// A new guest session; a 503 (the cluster cannot answer yet: a silo starting or just gone) is tried again after a
    /// moment, as the page does when told to retry.
    /// </summary>
    private static async Task<ChatEndpoints.Session> NewSessionAsync(Uri gateway)
    {
        var watch = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (true)
        {
            try
            {
                return await ChatEndpoints.NewSessionAsync(gateway);
            }
            catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && watch.Elapsed < ReconnectFor)
            {
                await pace.WaitForNextTickAsync();
            }
        }
    }

    /// <summary>
    /// Connects to <paramref name="preferred"/> or, if it does not answer, to the next gateways in turn; after a round in
    /// which none answered, tries again every <see cref="RetryPace"/> (behind a proxy, the one address refuses until
    /// the proxy has taken a dead gateway out of its rotation) for at most <see cref="ReconnectFor"/>.
    /// </summary>
    private async Task ConnectAsync(int preferred)
    {
        Exception? last = null;
        var watch = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(RetryPace);
        for (var attempt = 0; attempt < _gateways.Count * 3 || watch.Elapsed < ReconnectFor; attempt++)
        {
            if (attempt > 0 && attempt % _gateways.Count == 0) await pace.WaitForNextTickAsync();
            var index = (preferred + attempt) % _gateways.Count;
            var started = DateTimeOffset.UtcNow;
            try
            {
                var connection = await ChatEndpoints.ConnectAsync(_gateways[index], Session.Token).WaitAsync(SendTimeout);
                var newest = new Dictionary<string, long>(); // per room, on this connection
                connection.On<string, RoomEvent[]>("events", (room, events) => Record(() =>
                {
                    foreach (var e in events)
                    {
                        if (e.Seq <= newest.GetValueOrDefault(room)) _outOfOrder++;
                        else newest[room] = e.Seq;
                    }
                    _pushed.AddRange(events.Select(e => (room, e, DateTimeOffset.UtcNow)));
                }));
                connection.On<string, MemberChange>("member", (room, change) => Record(() =>
                {
                    _changes.Add((room, change, DateTimeOffset.UtcNow));
                    _presence.Add((room, change.Member with { Online = change.Kind != MemberChangeKinds.Left && change.Member.Online }, DateTimeOffset.UtcNow));
                }));
                connection.On<string, MemberInfo[], string?, MemberCounts>("presence", (room, members, _, _) => Record(() =>
                    _presence.AddRange(members.Select(m => (room, m, DateTimeOffset.UtcNow)))));
                connection.Closed += _ => _disposed || !_reconnectWhenClosed ? Task.CompletedTask : EnsureConnectedAsync();
                if (_connection is not null) await _connection.DisposeAsync();
                _connection = connection;
                Gateway = index;
                return;
            }
            catch (Exception ex)
            {
                last = ex;
                lock (_lock) ConnectFailures.Add((started, DateTimeOffset.UtcNow, ex.GetType().Name + ": " + ex.Message.Split('\n')[0]));
            }
        }
        throw new InvalidOperationException($"No gateway accepted {Session.Name}.", last);
    }

    /// <summary>Replaces a connection that is not connected by one to the next gateway that answers.</summary>
    public async Task EnsureConnectedAsync()
    {
        await _reconnecting.WaitAsync();
        try
        {
            if (!_disposed && Connection.State != HubConnectionState.Connected) await ConnectAsync(Gateway + 1);
        }
        finally
        {
            _reconnecting.Release();
        }
    }

    /// <summary>
    /// Sends until acknowledged. After a failure on a live connection it first awaits <paramref name="recovered"/>
    /// (what the test knows about the cluster's recovery), then tries again; a dead connection is replaced at once.
    /// </summary>
    public async Task<PostResult> SendAsync(string room, string clientMsgId, string text, Func<Task> recovered)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = DateTimeOffset.UtcNow;
            try
            {
                var ack = await Connection.InvokeAsync<PostResult>("Send", room, clientMsgId, text).WaitAsync(SendTimeout);
                lock (_lock) Acks.Add((clientMsgId, ack.Seq, started, DateTimeOffset.UtcNow));
                return ack;
            }
            catch (Exception) when (attempt < MaxAttempts)
            {
                if (Connection.State != HubConnectionState.Connected) await EnsureConnectedAsync();
                else await recovered();
            }
        }
    }

    public async Task<List<RoomEvent>> HistoryAsync(string room)
    {
        var history = new List<RoomEvent>();
        long after = 0;
        for (var page = 0; page < 100; page++)
        {
            var events = await Connection.InvokeAsync<EventPage>("CatchUp", room, after);
            if (events.Events.Count == 0) break;
            history.AddRange(events.Events);
            after = events.Events[^1].Seq;
        }
        return history;
    }

    public List<(RoomEvent Event, DateTimeOffset At)> Pushed(string room)
    {
        lock (_lock) return _pushed.Where(p => p.Room == room).Select(p => (p.Event, p.At)).ToList();
    }

    public List<(MemberChange Change, DateTimeOffset At)> Changes(string room)
    {
        lock (_lock) return _changes.Where(c => c.Room == room).Select(c => (c.Change, c.At)).ToList();
    }

    /// <summary>
    /// Whether this client shows <paramref name="userId"/> online in <paramref name="room"/>, from the member changes and
    /// presence refreshes it received, and since when it shows that.
    /// </summary>
    public (bool Online, DateTimeOffset Since) ShowsOnline(string room, Guid userId)
    {
        lock (_lock)
        {
            var seen = _presence.Where(p => p.Room == room && p.Member.UserId == userId).ToList();
            if (seen.Count == 0) return (false, DateTimeOffset.MinValue);
            var last = seen[^1].Member.Online;
            var since = seen[^1].At;
            for (var i = seen.Count - 2; i >= 0 && seen[i].Member.Online == last; i--) since = seen[i].At;
            return (last, since);
        }
    }

    public Task WaitUntil(Func<FailoverClient, bool> condition, string what, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _waiters.Add((condition, done));
        Record(() => { });
        return Wait.For(done.Task, what, timeout);
    }

    private void Record(Action add)
    {
        List<(Func<FailoverClient, bool> Condition, TaskCompletionSource Done)> waiters;
        lock (_lock)
        {
            add();
            waiters = [.. _waiters];
        }
        foreach (var waiter in waiters.Where(w => w.Condition(this)))
        {
            waiter.Done.TrySetResult();
            lock (_lock) _waiters.Remove(waiter);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _reconnecting.WaitAsync();
        try
        {
            if (_connection is not null) await _connection.DisposeAsync();
        }
        finally
        {
            _reconnecting.Release();
        }
    }
}
