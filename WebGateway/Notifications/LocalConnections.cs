using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Diagnostics;
using OrleansChat.WebGateway.Hubs;

namespace OrleansChat.WebGateway.Notifications;

/// <summary>
/// The connections of this gateway: which user each belongs to and which rooms each user is in. It keeps SignalR
/// groups in step with room membership and tells rooms when a user's first local connection opens or last one closes.
/// </summary>
public sealed class LocalConnections(
    IHubContext<ChatHub> hub, IGrainFactory grains, GatewayIdentity gateway, RoomActivations activations, ILogger<LocalConnections> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, LocalUser> _users = [];

    private sealed class LocalUser
    {
        public HashSet<string> Connections { get; } = [];

        public HashSet<string> Rooms { get; } = [];
    }

    public async Task ConnectedAsync(string connectionId, Guid userId, IReadOnlyList<string> rooms)
    {
        bool first;
        int count;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user)) _users[userId] = user = new LocalUser();
            first = user.Connections.Count == 0;
            user.Connections.Add(connectionId);
            user.Rooms.UnionWith(rooms);
            count = user.Connections.Count;
        }
        GatewayMetrics.Connections.Add(1);
        foreach (var room in rooms) await hub.Groups.AddToGroupAsync(connectionId, room);
        if (first) await SetOnlineAsync(userId, rooms, online: true);
        await ReportConnectionsAsync(userId, count);
    }

    public async Task DisconnectedAsync(string connectionId, Guid userId)
    {
        string[] rooms = [];
        bool last;
        int count;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user) || !user.Connections.Remove(connectionId)) return;
            GatewayMetrics.Connections.Add(-1);
            count = user.Connections.Count;
            last = count == 0;
            if (last)
            {
                rooms = [.. user.Rooms];
                _users.Remove(userId);
            }
        }
        if (last) await SetOnlineAsync(userId, rooms, online: false);
        await ReportConnectionsAsync(userId, count);
    }

    /// <summary>The user is a member of <paramref name="roomId"/> now: its local connections receive the room.</summary>
    public async Task AddToRoomAsync(Guid userId, string roomId)
    {
        string[] connections;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user) || !user.Rooms.Add(roomId)) return;
            connections = [.. user.Connections];
        }
        foreach (var c in connections) await hub.Groups.AddToGroupAsync(c, roomId);
        await SetOnlineAsync(userId, [roomId], online: true);
    }

    /// <summary>The user left <paramref name="roomId"/>: its local connections stop receiving the room.</summary>
    public async Task RemoveFromRoomAsync(Guid userId, string roomId)
    {
        string[] connections;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user) || !user.Rooms.Remove(roomId)) return;
            connections = [.. user.Connections];
        }
        foreach (var c in connections) await hub.Groups.RemoveFromGroupAsync(c, roomId);
    }

    /// <summary>Every room with local members, and those members: what the renewal sends to the rooms.</summary>
    public Dictionary<string, List<Guid>> RoomsWithLocalMembers()
    {
        var rooms = new Dictionary<string, List<Guid>>();
        lock (_lock)
        {
            foreach (var (userId, user) in _users)
            {
                foreach (var room in user.Rooms)
                {
                    if (!rooms.TryGetValue(room, out var members)) rooms[room] = members = [];
                    members.Add(userId);
                }
            }
        }
        return rooms;
    }

    private async Task SetOnlineAsync(Guid userId, IEnumerable<string> rooms, bool online)
    {
        foreach (var room in rooms)
        {
            try
            {
                var activation = await grains.GetGrain<IRoomGrain>(room).SetOnline(gateway.Id, gateway.Observer, userId, online);
                await activations.ObserveAsync(room, activation);
            }
            catch (Exception ex)
            {
                // The renewal timer repeats the full online list, so a failed report heals within one period.
                logger.LogWarning(ex, "Reporting {User} {State} in {Room} failed", userId, online ? "online" : "offline", room);
            }
        }
    }

    private async Task ReportConnectionsAsync(Guid userId, int count)
    {
        try
        {
            await grains.GetGrain<IUserGrain>(userId).SetConnections(gateway.Id, count);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reporting the connections of {User} failed", userId);
        }
    }
}
