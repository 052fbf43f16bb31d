namespace OrleansChat.Grains.Presence;

/// <summary>
/// The gateways that told a grain about themselves, each with a lease that the gateway renews and that runs out after
/// <c>expiry</c> without a renewal (a gateway that died stops renewing). Every registry of gateways in the grains is
/// one of these: a room's subscribers (<see cref="RoomPresence"/>) and the system-wide online list.
/// </summary>
/// <typeparam name="TEntry">What the grain keeps per gateway.</typeparam>
public sealed class GatewayLeases<TEntry>(TimeSpan expiry, Func<TEntry> create)
{
    private readonly Dictionary<string, Lease> _leases = [];

    private sealed class Lease(TEntry entry, DateTimeOffset renewedAt)
    {
        public TEntry Entry { get; } = entry;

        public DateTimeOffset RenewedAt { get; set; } = renewedAt;
    }

    public int Count => _leases.Count;

    public IEnumerable<TEntry> Entries => _leases.Values.Select(l => l.Entry);

    /// <summary>The entry of <paramref name="gatewayId"/>, created on its first renewal; its lease starts again now.</summary>
    public TEntry Renew(string gatewayId, DateTimeOffset now)
    {
        if (_leases.TryGetValue(gatewayId, out var lease)) lease.RenewedAt = now;
        else _leases[gatewayId] = lease = new Lease(create(), now);
        return lease.Entry;
    }

    public bool TryGet(string gatewayId, out TEntry entry)
    {
        var found = _leases.TryGetValue(gatewayId, out var lease);
        entry = found ? lease!.Entry : default!;
        return found;
    }

    public bool Remove(string gatewayId) => _leases.Remove(gatewayId);

    /// <summary>Removes the gateways whose lease ran out before <paramref name="now"/>; returns their ids.</summary>
    public List<string> Expire(DateTimeOffset now)
    {
        var cutoff = now - expiry;
        var expired = _leases.Where(l => l.Value.RenewedAt < cutoff).Select(l => l.Key).ToList();
        foreach (var id in expired) _leases.Remove(id);
        return expired;
    }
}
