namespace OrleansChat.Grains.Users;

/// <summary>
/// A user's connections per gateway, kept by the user grain: the gateways' observers (to tell every tab of the user
/// about added rooms and ended sessions) and the count that <see cref="IUserGrain.AdmitConnection"/> checks. A gateway
/// counts as the larger of what it last reported (<see cref="IUserGrain.SetConnections"/>) and the connections admitted
/// there and not yet released, so connections opening at once on several gateways are all counted before any is set up.
/// </summary>
internal sealed class UserConnections(TimeSpan gatewayExpiry)
{
    private readonly Dictionary<string, Gateway> _gateways = [];

    private sealed class Gateway(IRoomObserver observer)
    {
        public IRoomObserver Observer { get; set; } = observer;

        public int Reported { get; set; }

        public HashSet<string> Admitted { get; } = [];

        public DateTimeOffset SeenAt { get; set; }

        public int Count => Math.Max(Reported, Admitted.Count);
    }

    public IEnumerable<IRoomObserver> Observers => _gateways.Values.Select(g => g.Observer);

    /// <summary>The user's connections over all gateways.</summary>
    public int Count => _gateways.Values.Sum(g => g.Count);

    /// <summary>Counts <paramref name="connectionId"/> unless the user has <paramref name="max"/> connections already.</summary>
    public bool TryAdmit(string gatewayId, IRoomObserver observer, string connectionId, int max, DateTimeOffset now)
    {
        if (_gateways.TryGetValue(gatewayId, out var gateway) && gateway.Admitted.Contains(connectionId)) return true;
        if (Count >= max) return false;
        if (gateway is null) _gateways[gatewayId] = gateway = new Gateway(observer);
        gateway.Observer = observer;
        gateway.SeenAt = now;
        gateway.Admitted.Add(connectionId);
        return true;
    }

    public void Release(string gatewayId, string connectionId)
    {
        if (!_gateways.TryGetValue(gatewayId, out var gateway)) return;
        gateway.Admitted.Remove(connectionId);
        if (gateway.Count == 0) _gateways.Remove(gatewayId);
    }

    /// <summary>What the gateway reports: its number of connections of the user (0: none, it is forgotten).</summary>
    public void Report(string gatewayId, IRoomObserver observer, int count, DateTimeOffset now)
    {
        if (count <= 0)
        {
            _gateways.Remove(gatewayId);
            return;
        }
        if (!_gateways.TryGetValue(gatewayId, out var gateway)) _gateways[gatewayId] = gateway = new Gateway(observer);
        gateway.Observer = observer;
        gateway.Reported = count;
        gateway.SeenAt = now;
    }

    /// <summary>
    /// Forgets the gateways that are not among <paramref name="live"/> (those renewing the system-wide online list) and
    /// have told nothing for longer than the gateways' expiry — a gateway that died takes its counts with it. A gateway
    /// heard from more recently is kept: it may be new, not yet known as live. Returns whether any was forgotten.
    /// </summary>
    public bool ForgetDead(IReadOnlyCollection<string> live, DateTimeOffset now)
    {
        var dead = _gateways.Where(g => !live.Contains(g.Key) && now - g.Value.SeenAt > gatewayExpiry).Select(g => g.Key).ToList();
        foreach (var id in dead) _gateways.Remove(id);
        return dead.Count > 0;
    }
}
