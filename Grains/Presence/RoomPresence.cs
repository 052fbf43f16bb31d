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
    /// A gateway: its observer and the room's members connected on it, each with whether all their connections there
    /// are away; what the gateway says of them is taken newest word first (<see cref="GatewayReports{T}"/>).
    /// </summary>
    public sealed class Subscriber
    {
        private readonly GatewayReports<bool> _reports = new();
        private Guid[]? _recipients;

        public IRoomObserver Observer { get; set; } = null!;

        /// <summary>The room's members connected on this gateway, each with whether every connection of theirs there is away.</summary>
        public IReadOnlyDictionary<Guid, bool> Users => _reports.Users;

        /// <summary>The users to address a notification to (cached until the set changes).</summary>
        public Guid[] Recipients => _recipients ??= [.. _reports.Users.Keys];

        /// <summary>The room removed the member: whatever the gateway reported of them is void.</summary>
        internal void Remove(Guid user) => Changed(_reports.Remove(user));

        /// <summary>A report of one user as of <paramref name="version"/>; ignored when the room has newer word.</summary>
        internal void Report(Guid user, bool online, long version, bool away = false) => Changed(_reports.Report(user, online, online && away, version));

        /// <summary>The gateway's whole list as of <paramref name="version"/>; reports newer than it stay in force.</summary>
        internal void Replace(IEnumerable<Guid> users, IEnumerable<Guid> away, long version)
        {
            var awaySet = away as IReadOnlySet<Guid> ?? away.ToHashSet();
            Changed(_reports.Replace(users.Select(u => KeyValuePair.Create(u, awaySet.Contains(u))), version));
        }

        private void Changed(bool changed)
        {
            if (changed) _recipients = null;
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
            if (!gateway.Users.TryGetValue(user, out var away)) continue;
            if (!away) return PresenceState.Online;
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
            foreach (var (user, away) in gateway.Users)
            {
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
