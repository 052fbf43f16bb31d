namespace OrleansChat.Grains.Presence;

/// <summary>
/// Who in a room is connected where, and so who receives the room's live notifications. Each subscribed gateway has
/// a set of the room's members that have a connection on it; a user enters a set only while <c>isMember</c> says the
/// user belongs to the room, and leaves every set in the same grain turn in which the room removes the member
/// (<see cref="RemoveMember"/>). Every notification is addressed to exactly the users in the gateway's set at the
/// moment it is sent, so a removed user's connections receive nothing of the room afterwards — whatever a gateway
/// believes, and however its connections race with the removal (docs/architecture.md, "Presence and delivery").
/// A gateway also says which of its users have every connection there away; a member is away when every gateway that
/// has them says so, online when one has an active connection of theirs (<see cref="StateOf"/>).
/// </summary>
public sealed class RoomPresence
{
    private readonly GatewayLeases<Subscriber> _gateways;
    private readonly Func<Guid, bool> _isMember;

    public RoomPresence(TimeSpan expiry, Func<Guid, bool> isMember)
    {
        _gateways = new GatewayLeases<Subscriber>(expiry, () => new Subscriber());
        _isMember = isMember;
    }

    /// <summary>
    /// A gateway: its observer and the room's members connected on it. The gateway's whole list (a renewal) and its
    /// reports of single users can arrive in any order; each names the gateway's version it was taken at, and for each
    /// user the newest word wins: a list older than the newest list is ignored, a report older than the newest list is
    /// ignored, and a report newer than the list stays in force over it until a list at least as new arrives.
    /// </summary>
    public sealed class Subscriber
    {
        private readonly HashSet<Guid> _users = [];
        private readonly HashSet<Guid> _away = [];
        private readonly Dictionary<Guid, (long Version, bool Online, bool Away)> _reports = [];
        private long _listVersion = -1;
        private Guid[]? _recipients;

        public IRoomObserver Observer { get; set; } = null!;

        public IReadOnlyCollection<Guid> Users => _users;

        /// <summary>The users of <see cref="Users"/> whose every connection on this gateway is away.</summary>
        public IReadOnlyCollection<Guid> Away => _away;

        /// <summary>The users to address a notification to (cached until the set changes).</summary>
        public Guid[] Recipients => _recipients ??= [.. _users];

        /// <summary>The room removed the member: whatever the gateway reported of them is void.</summary>
        internal void Remove(Guid user)
        {
            _reports.Remove(user);
            _away.Remove(user);
            Changed(_users.Remove(user));
        }

        /// <summary>A report of one user as of <paramref name="version"/>; ignored when the room has newer word.</summary>
        internal void Report(Guid user, bool online, long version, bool away = false)
        {
            if (version <= _listVersion || (_reports.TryGetValue(user, out var newest) && newest.Version >= version)) return;
            _reports[user] = (version, online, online && away);
            Apply(user, online, online && away);
        }

        /// <summary>The gateway's whole list as of <paramref name="version"/>; reports newer than it stay in force.</summary>
        internal void Replace(IEnumerable<Guid> users, IEnumerable<Guid> away, long version)
        {
            if (version < _listVersion) return;
            _listVersion = version;
            _users.Clear();
            _users.UnionWith(users);
            _away.Clear();
            _away.UnionWith(away.Where(_users.Contains));
            foreach (var (user, report) in _reports.ToList())
            {
                if (report.Version <= version) _reports.Remove(user);
                else Apply(user, report.Online, report.Away);
            }
            _recipients = null;
        }

        private void Apply(Guid user, bool online, bool away)
        {
            Changed(online ? _users.Add(user) : _users.Remove(user));
            if (away) _away.Add(user);
            else _away.Remove(user);
        }

        private bool Changed(bool changed)
        {
            if (changed) _recipients = null;
            return changed;
        }
    }

    /// <summary>The gateways with at least one recipient: where a notification of the room goes.</summary>
    public IEnumerable<Subscriber> Audience => _gateways.Entries.Where(g => g.Users.Count > 0);

    /// <summary>
    /// A gateway renews its subscription with the users it has connected (and those of them whose connections there are
    /// all away); users who are not members are left out. Returns the users whose state in the room changed.
    /// </summary>
    public List<(Guid User, PresenceState State)> Subscribe(
        string gatewayId, IRoomObserver observer, IEnumerable<Guid> users, long version, DateTimeOffset now, IEnumerable<Guid>? away = null)
    {
        var before = States();
        var gateway = Renew(gatewayId, observer, now);
        gateway.Replace(users.Where(_isMember), away ?? [], version);
        return Changes(before);
    }

    /// <summary>
    /// A gateway's first connection of <paramref name="user"/> opened (or its last closed), or the user's connections
    /// there all went <paramref name="away"/> (or one came back). Returns false when the user is not a member (nothing
    /// is recorded then), and whether the user's state in the room changed (<see cref="StateOf"/> tells the new one).
    /// </summary>
    public (bool Member, bool Changed) SetOnline(
        string gatewayId, IRoomObserver observer, Guid user, bool online, long version, DateTimeOffset now, bool away = false)
    {
        var gateway = Renew(gatewayId, observer, now);
        var was = StateOf(user);
        if (online && !_isMember(user)) return (false, false);
        gateway.Report(user, online, version, away);
        return (_isMember(user), was != StateOf(user));
    }

    public List<(Guid User, PresenceState State)> Unsubscribe(string gatewayId)
    {
        var before = States();
        return _gateways.Remove(gatewayId) ? Changes(before) : [];
    }

    /// <summary>Forgets gateways that stopped renewing; returns their ids and the users who went offline.</summary>
    public (List<string> Gateways, List<(Guid User, PresenceState State)> Changes) Expire(DateTimeOffset now)
    {
        var before = States();
        var expired = _gateways.Expire(now);
        return (expired, expired.Count == 0 ? [] : Changes(before));
    }

    /// <summary>The room removed <paramref name="user"/>: no notification is addressed to them from now on.</summary>
    public void RemoveMember(Guid user)
    {
        foreach (var gateway in _gateways.Entries) gateway.Remove(user);
    }

    public bool IsOnline(Guid user) => StateOf(user) != PresenceState.Offline;

    /// <summary>The union over the live gateways: online if one has an active connection, away if all have only away ones.</summary>
    public PresenceState StateOf(Guid user)
    {
        var state = PresenceState.Offline;
        foreach (var gateway in _gateways.Entries)
        {
            if (!gateway.Users.Contains(user)) continue;
            if (!gateway.Away.Contains(user)) return PresenceState.Online;
            state = PresenceState.Away;
        }
        return state;
    }

    public bool TryGet(string gatewayId, out Subscriber subscriber) => _gateways.TryGet(gatewayId, out subscriber);

    private Subscriber Renew(string gatewayId, IRoomObserver observer, DateTimeOffset now)
    {
        var gateway = _gateways.Renew(gatewayId, now);
        gateway.Observer = observer;
        return gateway;
    }

    /// <summary>Every connected member and whether they are away (true) or online (false).</summary>
    private Dictionary<Guid, bool> States()
    {
        var states = new Dictionary<Guid, bool>();
        foreach (var gateway in _gateways.Entries)
        {
            foreach (var user in gateway.Users)
            {
                var away = gateway.Away.Contains(user);
                states[user] = states.TryGetValue(user, out var others) ? others && away : away;
            }
        }
        return states;
    }

    private List<(Guid User, PresenceState State)> Changes(Dictionary<Guid, bool> before)
    {
        var after = States();
        var changes = new List<(Guid, PresenceState)>();
        foreach (var user in before.Keys) if (!after.ContainsKey(user)) changes.Add((user, PresenceState.Offline));
        foreach (var (user, away) in after)
        {
            if (!before.TryGetValue(user, out var was) || was != away) changes.Add((user, away ? PresenceState.Away : PresenceState.Online));
        }
        return changes;
    }
}
