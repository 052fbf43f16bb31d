using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>A real SignalR client of the gateway that records what it receives, as the browser does.</summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly ConditionWaiters _waiters = new();
    private readonly List<(string Room, object Notification)> _received = [];

    private ChatClient(ChatEndpoints.Session session, HubConnection connection)
    {
        Session = session;
        Connection = connection;
        connection.On<string, RoomEvent[]>("events", (room, events) => Record(room, events));
        connection.On<string, MemberChange>("member", (room, change) => Record(room, change));
        connection.On<string, RoomSummary>("room", (room, summary) => Record(room, summary));
        connection.On<string, MemberInfo>("typing", (room, member) => Record(room, member));
        connection.On<string>("roomAdded", room => Record(room, new RoomAddedNotice(room)));
        connection.On<string, ReadReceipt>("receipt", (room, receipt) => Record(room, receipt));
        connection.On<string, MemberCounts>("memberCounts", (room, counts) => Record(room, counts));
    }

    /// <summary>The body of a <c>roomAdded</c> event.</summary>
    public sealed record RoomAddedNotice(string RoomId);

    public ChatEndpoints.Session Session { get; }

    public HubConnection Connection { get; }

    public Guid UserId => Session.UserId;

    /// <summary>Connects as a new guest, or as the user of <paramref name="session"/>.</summary>
    public static Task<ChatClient> ConnectAsync(GatewayHost host, ChatEndpoints.Session? session = null, bool autoReconnect = false) =>
        ConnectAsync(host.BaseAddress, session, autoReconnect);

    /// <summary>Connects to the gateway at <paramref name="baseAddress"/> (a host of this process or a gateway process).</summary>
    public static async Task<ChatClient> ConnectAsync(Uri baseAddress, ChatEndpoints.Session? session = null, bool autoReconnect = false)
    {
        session ??= await ChatEndpoints.NewSessionAsync(baseAddress);
        var connection = await ChatEndpoints.ConnectAsync(baseAddress, session.Token, autoReconnect);
        var client = new ChatClient(session, connection);
        // The handshake completes before the hub's OnConnectedAsync has admitted the tab and counted it (presence, the
        // user's tabs that a join in another tab reaches); an invocation runs only after it, as the page's first call
        // does. Without this, a test that opens a second tab and acts at once races the gateway's bookkeeping.
        await connection.InvokeAsync<UserProfile>("Hello");
        return client;
    }

    public Task<PostResult> SendAsync(string room, string text, string? clientMsgId = null) =>
        Connection.InvokeAsync<PostResult>("Send", room, clientMsgId ?? Guid.CreateVersion7().ToString(), text);

    public Task<JoinResult> JoinAsync(string room) => Connection.InvokeAsync<JoinResult>("JoinRoom", room);

    /// <summary>The events received for <paramref name="room"/>, in arrival order (duplicates kept: tests check them).</summary>
    public List<RoomEvent> Received(string room) => Of<RoomEvent[]>(room).SelectMany(e => e).ToList();

    /// <summary>The pushed events of <paramref name="room"/> that are messages (not system lines, not changes).</summary>
    public List<RoomEvent> Messages(string room) => Received(room).Where(e => e.Kind == RoomEventKinds.Message).ToList();

    public List<MemberChange> Changes(string room) => Of<MemberChange>(room);

    public List<MemberInfo> Typing(string room) => Of<MemberInfo>(room);

    public List<RoomSummary> RoomChanges(string room) => Of<RoomSummary>(room);

    public List<ReadReceipt> Receipts(string room) => Of<ReadReceipt>(room);

    /// <summary>The member counts pushed for <paramref name="room"/> (rooms whose member list is paged).</summary>
    public List<MemberCounts> Counts(string room) => Of<MemberCounts>(room);

    public bool WasAdded(string room) => Of<RoomAddedNotice>(room).Count > 0;

    /// <summary>Every room this client received anything about.</summary>
    public List<string> RoomsHeardOf()
    {
        lock (_lock) return _received.Select(r => r.Room).Distinct().ToList();
    }

    public Task WaitUntil(Func<ChatClient, bool> condition, string what) => _waiters.Add(() => condition(this), what);

    private List<T> Of<T>(string room)
    {
        lock (_lock) return _received.Where(r => r.Room == room && r.Notification is T).Select(r => (T)r.Notification).ToList();
    }

    private void Record(string room, object notification)
    {
        lock (_lock) _received.Add((room, notification));
        _waiters.Check();
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
