using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// SignalR's default lifetime manager with one send made fit for delivery by recipients: every room notification goes
/// to a list of connections (<see cref="Presence.RoomObserver"/>), and the default <c>SendConnectionsAsync</c> walks
/// every connection of the gateway and searches the list for each — O(connections × recipients) per message, which
/// made a room of 1,000 cost a million string comparisons per message. Here the recipients are looked up by id and the
/// message is serialized once for all of them, as the default does for a group. Its record of each connection is the
/// gateway's <see cref="ChatConnection"/>, which the hub finds here (<see cref="Connection"/>).
/// </summary>
public sealed class ChatHubLifetimeManager(ILogger<DefaultHubLifetimeManager<ChatHub>> logger)
    : DefaultHubLifetimeManager<ChatHub>(logger)
{
    private readonly ConcurrentDictionary<string, ChatConnection> _connections = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger;

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await base.OnConnectedAsync(connection);
        _connections[connection.ConnectionId] = new ChatConnection(connection);
    }

    /// <summary>The open connection <paramref name="connectionId"/> of this gateway.</summary>
    public ChatConnection Connection(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection) ? connection : throw new InvalidOperationException($"Unknown connection {connectionId}.");

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        if (connectionIds.Count == 0) return Task.CompletedTask;
        var message = new SerializedHubMessage(new InvocationMessage(methodName, args));
        List<Task>? pending = null;
        foreach (var id in connectionIds)
        {
            if (!_connections.TryGetValue(id, out var connection)) continue;
            var write = Write(connection.Hub, message, cancellationToken);
            if (!write.IsCompletedSuccessfully) (pending ??= []).Add(write.AsTask());
        }
        return pending is null ? Task.CompletedTask : Task.WhenAll(pending);
    }

    /// <summary>One connection's failure (it is closing, say) never fails the others' delivery.</summary>
    private ValueTask Write(HubConnectionContext connection, SerializedHubMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var write = connection.WriteAsync(message, cancellationToken);
            return write.IsCompletedSuccessfully ? default : Observe(write, connection);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Writing to connection {Connection} failed", connection.ConnectionId);
            return default;
        }
    }

    private async ValueTask Observe(ValueTask write, HubConnectionContext connection)
    {
        try
        {
            await write;
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Writing to connection {Connection} failed", connection.ConnectionId);
        }
    }
}
