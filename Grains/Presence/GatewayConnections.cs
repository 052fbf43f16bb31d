namespace OrleansChat.Grains.Presence;

/// <summary>
/// The hub connections of one gateway, by user, kept by the gateway's lease (<see cref="GatewayGrain"/>): what the user
/// grains count against <c>Chat:Users:MaxConnections</c> and whom they tell of added rooms and ended sessions. A user
/// grain admits a connection here (<see cref="TryAdmit"/>), the gateway releases it when it closes, and the gateway's
/// full list replaces everything now and then (<see cref="Replace"/>), which heals a lost release. Plain class, no I/O.
/// </summary>
public sealed class GatewayConnections
{
    // A list per user rather than a set: a user has one or a few connections, and 10,000 idle users cost this much each.
    private readonly Dictionary<Guid, List<string>> _byUser = [];

    /// <summary>Users with at least one connection here.</summary>
    public int Users => _byUser.Count;

    /// <summary>False until the gateway's full list arrived: until then this lease may not know all of its connections.</summary>
    public bool Complete { get; private set; }

    public int CountOf(Guid userId) => _byUser.TryGetValue(userId, out var connections) ? connections.Count : 0;

    /// <summary>
    /// Records <paramref name="connectionId"/> unless the user has <paramref name="allowedHere"/> connections here already
    /// (the user grain passes what its limit leaves after the user's connections on other gateways). A connection
    /// recorded already is admitted again.
    /// </summary>
    public bool TryAdmit(Guid userId, string connectionId, int allowedHere)
    {
        _byUser.TryGetValue(userId, out var connections);
        if (connections is not null && connections.Contains(connectionId)) return true;
        if ((connections?.Count ?? 0) >= allowedHere) return false;
        if (connections is null) _byUser[userId] = connections = new List<string>(1);
        connections.Add(connectionId);
        return true;
    }

    public void Release(Guid userId, string connectionId)
    {
        if (!_byUser.TryGetValue(userId, out var connections)) return;
        connections.Remove(connectionId);
        if (connections.Count == 0) _byUser.Remove(userId);
    }

    /// <summary>The gateway's whole list: replaces what was recorded.</summary>
    public void Replace(IReadOnlyDictionary<Guid, string[]> connections)
    {
        _byUser.Clear();
        foreach (var (userId, ids) in connections)
        {
            if (ids.Length > 0) _byUser[userId] = [.. ids.Distinct()];
        }
        Complete = true;
    }

    /// <summary>The gateway is gone (stopped, or its beats stopped): none of its connections count any more.</summary>
    public void Clear()
    {
        _byUser.Clear();
        Complete = false;
    }
}
