namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A room's share of its senders' budgets over all rooms: credits leased from each sender's user grain
/// (<see cref="IUserGrain.LeaseSendCredits"/>), one spent per message, usable for <c>lifetime</c> after the last lease.
/// A room calls the user grain only when a sender's credits are spent or expired, so the hot path stays local.
/// </summary>
internal sealed class SendCredits(TimeSpan lifetime)
{
    private readonly Dictionary<Guid, Lease> _leases = [];

    private sealed class Lease
    {
        public int Credits { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public int LastSize { get; set; }
    }

    /// <summary>
    /// How many credits to ask for next: 1 for a sender new here (so a user writing once in many rooms parks nothing
    /// in them), then twice the last lease, up to <paramref name="max"/>, for a sender who keeps writing here.
    /// </summary>
    public int NextLeaseSize(Guid userId, int max) =>
        _leases.TryGetValue(userId, out var lease) ? Math.Clamp(lease.LastSize * 2, 1, Math.Max(1, max)) : 1;

    /// <summary>Spends one credit of <paramref name="userId"/>; false when none is left or they expired.</summary>
    public bool TryTake(Guid userId, DateTimeOffset now)
    {
        if (!_leases.TryGetValue(userId, out var lease) || lease.Credits <= 0 || lease.ExpiresAt <= now) return false;
        lease.Credits--;
        return true;
    }

    /// <summary>
    /// Adds leased credits; the sender's credits are usable for another lifetime from now (leftovers of an expired
    /// lease that was not given back yet count again: they were taken from the budget once).
    /// </summary>
    public void Add(Guid userId, int credits, DateTimeOffset now)
    {
        if (!_leases.TryGetValue(userId, out var lease)) _leases[userId] = lease = new Lease();
        lease.Credits += Math.Max(0, credits);
        lease.LastSize = Math.Max(1, credits);
        lease.ExpiresAt = now + lifetime;
    }

    /// <summary>Forgets expired leases; returns the unused credits of each, to be given back to the user's budget.</summary>
    public List<(Guid UserId, int Credits)> Expire(DateTimeOffset now)
    {
        var expired = _leases.Where(l => l.Value.ExpiresAt <= now).ToList();
        foreach (var (userId, _) in expired) _leases.Remove(userId);
        return expired.Where(l => l.Value.Credits > 0).Select(l => (l.Key, l.Value.Credits)).ToList();
    }
}
