namespace OrleansChat.Grains.Rooms;

/// <summary>A token bucket: <c>burst</c> tokens at most, refilled at <c>ratePerSecond</c>; each post takes one.</summary>
internal sealed class TokenBucket(double ratePerSecond, int burst, DateTimeOffset now)
{
    private double _tokens = burst;
    private DateTimeOffset _updated = now;

    public bool TryTake(DateTimeOffset now) => TakeUpTo(1, now) == 1;

    /// <summary>Takes as many whole tokens as there are, up to <paramref name="wanted"/>; returns how many.</summary>
    public int TakeUpTo(int wanted, DateTimeOffset now)
    {
        Refill(now);
        var taken = (int)Math.Min(Math.Max(0, wanted), Math.Floor(_tokens));
        _tokens -= taken;
        return taken;
    }

    /// <summary>Puts back tokens that were taken and not used (never above the burst).</summary>
    public void Return(int tokens, DateTimeOffset now)
    {
        Refill(now);
        _tokens = Math.Min(burst, _tokens + Math.Max(0, tokens));
    }

    /// <summary>True when the bucket is full again, so it can be forgotten.</summary>
    public bool IsFull(DateTimeOffset now) => _tokens + Math.Max(0, (now - _updated).TotalSeconds) * ratePerSecond >= burst;

    private void Refill(DateTimeOffset now)
    {
        var elapsed = Math.Max(0, (now - _updated).TotalSeconds);
        _tokens = Math.Min(burst, _tokens + elapsed * ratePerSecond);
        _updated = now;
    }
}
