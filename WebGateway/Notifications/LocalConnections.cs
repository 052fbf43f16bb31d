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
        public string Name { get; set; } = "";

        public HashSet<string> Connections { get; } = [];

        public HashSet<string> Rooms { get; } = [];
    }

    public async Task ConnectedAsync(string connectionId, UserProfile profile)
    {
        var userId = profile.UserId;
        var rooms = profile.Rooms;
        bool first;
        int count;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user)) _users[userId] = user = new LocalUser();
            user.Name = profile.Name;
            first = user.Connections.Count == 0;
            user.Connections.Add(connectionId);
            user.Rooms.UnionWith(rooms);
            count = user.Connections.Count;
        }
        GatewayMetrics.Connections.Add(1);
        foreach (var room in rooms) await hub.Groups.AddToGroupAsync(connectionId, room);
        if (first)
        {
            await ReportSystemWideAsync(new UserMatch(userId, profile.Name), online: true);
            await SetOnlineAsync(userId, rooms, online: true);
        }
        await ReportConnectionsAsync(userId, count);
    }

    public async Task DisconnectedAsync(string connectionId, Guid userId)
    {
        string[] rooms = [];
        var name = "";
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
                name = user.Name;
                _users.Remove(userId);
            }
        }
        if (last)
        {
            await ReportSystemWideAsync(new UserMatch(userId, name), online: false);
            await SetOnlineAsync(userId, rooms, online: false);
        }
        await ReportConnectionsAsync(userId, count);
    }

    /// <summary>
    /// The user is a member of <paramref name="roomId"/> now: its local connections receive the room, and the room
    /// learns that the user is online here (idempotent: it may run twice, from the hub and from a notification).
    /// </summary>
    public async Task AddToRoomAsync(Guid userId, string roomId)
    {
        string[] connections;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user)) return;
            user.Rooms.Add(roomId);
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

    /// <summary>Every user with a connection here: what the renewal sends to the system-wide online list.</summary>
    public UserMatch[] ConnectedUsers()
    {
        lock (_lock) return _users.Select(u => new UserMatch(u.Key, u.Value.Name)).ToArray();
    }

    private async Task ReportSystemWideAsync(UserMatch user, bool online)
    {
        try
        {
            await grains.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).SetOnline(gateway.Id, user, online);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reporting {User} {State} system-wide failed", user.UserId, online ? "online" : "offline");
        }
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
            await grains.GetGrain<IUserGrain>(userId).SetConnections(gateway.Id, gateway.Observer, count);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reporting the connections of {User} failed", userId);
        }
    }
}
