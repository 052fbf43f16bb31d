namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// How often one connection may call <c>SetAway</c>: a burst of 10, then one every 5 s. Each change of a user's state
/// is reported to all their rooms and pushed to the members there, so a page flipping it in a loop must not cost that
/// many calls; the page sends a change at most every 5 s (<c>js/away.js</c>) and never meets this limit.
/// </summary>
public sealed class AwayThrottle(TimeProvider time)
{
    private const int Burst = 10;
    private static readonly TimeSpan Refill = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private double _tokens = Burst;
    private DateTimeOffset _updated = time.GetUtcNow();

    public bool TryTake()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            _tokens = Math.Min(Burst, _tokens + (now - _updated) / Refill);
            _updated = now;
            if (_tokens < 1) return false;
            _tokens--;
            return true;
        }
    }
}
