namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// The connections of this gateway: which user each belongs to, which of them are away (the page said so: hidden tab
/// or idle), and which rooms the gateway believes each user is in. A user is away here when every one of their
/// connections here is away; a new connection is active.
/// The belief only decides which rooms the gateway reports the user to (online, offline, renewals); who receives a
/// room's notifications is decided by the room (<see cref="RoomObserver"/>), so a stale belief leaks nothing.
/// Every change counts up a version, and every report and renewal names the version it was taken at, so that a room
/// can tell a renewal's member list taken before a report from one taken after it (they may arrive in either order).
/// Thread-safe; no I/O.
/// </summary>
public sealed class LocalConnections
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, LocalUser> _users = [];
    private long _version;

    // Arrays rather than sets: a gateway keeps one of these per connected user, and a user has a few connections
    // (at most Chat:Users:MaxConnections) and usually a few rooms; three hash sets cost about 450 bytes a user before
    // a single entry (docs/benchmarks.md, "Session 7"). Membership tests are linear in those few.
    private sealed class LocalUser
    {
        public string Name { get; set; } = "";

        /// <summary>The user's connections here, each with whether its page is away.</summary>
        public (string Id, bool Away)[] Connections { get; set; } = [];

        /// <summary>Replaced, never changed in place, so that callers may keep the array they were given.</summary>
        public string[] Rooms { get; set; } = [];

        /// <summary>The away state last taken by <see cref="TakeAwayChange"/>, so each change is reported once.</summary>
        public bool ReportedAway { get; set; }

        public bool IsAway => Connections.Length > 0 && Array.TrueForAll(Connections, c => c.Away);

        public int IndexOf(string connectionId) => Array.FindIndex(Connections, c => c.Id == connectionId);

        public bool AddRoom(string roomId)
        {
            if (Array.IndexOf(Rooms, roomId) >= 0) return false;
            Rooms = [.. Rooms, roomId];
            return true;
        }

        public bool RemoveRoom(string roomId)
        {
            var at = Array.IndexOf(Rooms, roomId);
            if (at < 0) return false;
            Rooms = [.. Rooms[..at], .. Rooms[(at + 1)..]];
            return true;
        }
    }

    /// <summary>Adds a connection; <c>First</c> when it is the user's first here.</summary>
    public (bool First, long Version) Connect(string connectionId, Guid userId, string name, IEnumerable<string> rooms)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user)) _users[userId] = user = new LocalUser();
            user.Name = name;
            foreach (var room in rooms) user.AddRoom(room);
            if (user.IndexOf(connectionId) >= 0) return (false, ++_version);
            user.Connections = [.. user.Connections, (connectionId, false)];
            return (user.Connections.Length == 1, ++_version);
        }
    }

    /// <summary>
    /// Removes a connection: null when it was not known; otherwise <c>Last</c> tells whether it was the user's last one
    /// here, with the user's name and believed rooms (to report the user offline there).
    /// </summary>
    public (bool Last, string Name, string[] Rooms, long Version)? Disconnect(string connectionId, Guid userId)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user) || user.IndexOf(connectionId) is var at && at < 0) return null;
            user.Connections = [.. user.Connections[..at], .. user.Connections[(at + 1)..]];
            if (user.Connections.Length > 0) return (false, user.Name, [], _version);
            _users.Remove(userId);
            return (true, user.Name, user.Rooms, ++_version);
        }
    }

    /// <summary>
    /// The user belongs to <paramref name="roomId"/> now. True when that is news: the user has connections here and
    /// the gateway did not believe so already (and so has not reported them to the room yet).
    /// </summary>
    public (bool News, long Version) AddRoom(Guid userId, string roomId)
    {
        lock (_lock)
        {
            return _users.TryGetValue(userId, out var user) && user.AddRoom(roomId) ? (true, ++_version) : (false, _version);
        }
    }

    public void RemoveRoom(Guid userId, string roomId)
    {
        lock (_lock)
        {
            if (_users.TryGetValue(userId, out var user) && user.RemoveRoom(roomId)) _version++;
        }
    }

    /// <summary>The page of <paramref name="connectionId"/> is away (hidden or idle) or active again; false when unknown.</summary>
    public bool SetAway(string connectionId, Guid userId, bool away)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user) || user.IndexOf(connectionId) is var at && at < 0) return false;
            user.Connections[at].Away = away;
            return true;
        }
    }

    /// <summary>
    /// Whether the user's away state here changed since it was last taken (a connection went away or came back, one
    /// opened or closed): then the new state, the user's believed rooms, to report it there, and the version of the
    /// report; null otherwise.
    /// </summary>
    public (bool Away, string[] Rooms, long Version)? TakeAwayChange(Guid userId)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user) || user.IsAway == user.ReportedAway) return null;
            user.ReportedAway = user.IsAway;
            return (user.IsAway, user.Rooms, ++_version);
        }
    }

    /// <summary>Whether every connection of the user here is away (false when the user has none).</summary>
    public bool IsAway(Guid userId)
    {
        lock (_lock) return _users.TryGetValue(userId, out var user) && user.IsAway;
    }

    /// <summary>Those of <paramref name="users"/> whose every connection here is away: what a renewal reports as away.</summary>
    public Guid[] AwayOf(IEnumerable<Guid> users)
    {
        lock (_lock) return users.Where(u => _users.TryGetValue(u, out var user) && user.IsAway).ToArray();
    }

    /// <summary>Every connection here by user: the full list this gateway's lease keeps (<see cref="IGatewayGrain.SetConnections"/>).</summary>
    public Dictionary<Guid, string[]> ConnectionsByUser()
    {
        lock (_lock) return _users.ToDictionary(u => u.Key, u => Array.ConvertAll(u.Value.Connections, c => c.Id));
    }

    /// <summary>The connections of <paramref name="users"/> on this gateway: where a room's notification goes.</summary>
    public List<string> ConnectionsOf(IEnumerable<Guid> users)
    {
        var connections = new List<string>();
        lock (_lock)
        {
            foreach (var userId in users)
            {
                if (!_users.TryGetValue(userId, out var user)) continue;
                foreach (var (id, _) in user.Connections) connections.Add(id);
            }
        }
        return connections;
    }

    /// <summary>Every room with local members.</summary>
    public IReadOnlyCollection<string> RoomsWithLocalMembers() => Snapshot().Rooms.Keys;

    /// <summary>Every room with local members, those members, and the version they are of: what a renewal sends.</summary>
    public (Dictionary<string, List<Guid>> Rooms, long Version) Snapshot()
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
            return (rooms, _version);
        }
    }

    /// <summary>The users of <paramref name="roomId"/> with a connection here, and the version they are of.</summary>
    public (Guid[] Members, long Version) MembersOf(string roomId)
    {
        lock (_lock) return (_users.Where(u => Array.IndexOf(u.Value.Rooms, roomId) >= 0).Select(u => u.Key).ToArray(), _version);
    }

    /// <summary>Every user with a connection here, and the version it is of: what the renewal sends to the system-wide online list.</summary>
    public (UserMatch[] Users, long Version) ConnectedUsers()
    {
        lock (_lock) return (_users.Select(u => new UserMatch(u.Key, u.Value.Name)).ToArray(), _version);
    }
}
