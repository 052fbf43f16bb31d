using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>A real SignalR client of the gateway that records what it receives, as the browser does.</summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<(string Room, RoomEvent Event)> _events = [];
    private readonly List<(string Room, MemberChange Change)> _changes = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    private ChatClient(ChatEndpoints.Session session, HubConnection connection)
    {
        Session = session;
        Connection = connection;
        connection.On<string, RoomEvent[]>("events", (room, events) =>
        {
            lock (_lock) _events.AddRange(events.Select(e => (room, e)));
            Check();
        });
        connection.On<string, MemberChange>("member", (room, change) =>
        {
            lock (_lock) _changes.Add((room, change));
            Check();
        });
        connection.Reconnected += _ =>
        {
            Check();
            return Task.CompletedTask;
        };
    }

    public ChatEndpoints.Session Session { get; }

    public HubConnection Connection { get; }

    public Guid UserId => Session.UserId;

    /// <summary>Connects as a new guest, or as the user of <paramref name="session"/>.</summary>
    public static async Task<ChatClient> ConnectAsync(GatewayHost host, ChatEndpoints.Session? session = null, bool autoReconnect = false)
    {
        session ??= await host.NewSessionAsync();
        var connection = await host.ConnectAsync(session.Token, autoReconnect);
        var client = new ChatClient(session, connection);
        return client;
    }

    public Task<PostResult> SendAsync(string room, string text, string? clientMsgId = null) =>
        Connection.InvokeAsync<PostResult>("Send", room, clientMsgId ?? Guid.NewGuid().ToString("N"), text);

    public Task<JoinResult> JoinAsync(string room) => Connection.InvokeAsync<JoinResult>("JoinRoom", room);

    /// <summary>The events received for <paramref name="room"/>, in arrival order (duplicates kept: tests check them).</summary>
    public List<RoomEvent> Received(string room)
    {
        lock (_lock) return _events.Where(e => e.Room == room).Select(e => e.Event).ToList();
    }

    public List<MemberChange> Changes(string room)
    {
        lock (_lock) return _changes.Where(c => c.Room == room).Select(c => c.Change).ToList();
    }

    public Task WaitUntil(Func<ChatClient, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _waiters.Add((() => condition(this), done));
        Check();
        return Wait.For(done.Task, what);
    }

    private void Check()
    {
        List<(Func<bool> Condition, TaskCompletionSource Done)> waiters;
        lock (_lock) waiters = [.. _waiters];
        foreach (var waiter in waiters)
        {
            if (!waiter.Condition()) continue;
            waiter.Done.TrySetResult();
            lock (_lock) _waiters.Remove(waiter);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
