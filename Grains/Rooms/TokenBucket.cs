namespace OrleansChat.Grains.Rooms;

/// <summary>A token bucket: <c>burst</c> tokens at most, refilled at <c>ratePerSecond</c>; each post takes one.</summary>
internal sealed class TokenBucket(double ratePerSecond, int burst, DateTimeOffset now)
{
    private double _tokens = burst;
    private DateTimeOffset _updated = now;

    public bool TryTake(DateTimeOffset now)
    {
        var elapsed = Math.Max(0, (now - _updated).TotalSeconds);
        _tokens = Math.Min(burst, _tokens + elapsed * ratePerSecond);
        _updated = now;
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }

    /// <summary>True when the bucket is full again, so it can be forgotten.</summary>
    public bool IsFull(DateTimeOffset now) => _tokens + Math.Max(0, (now - _updated).TotalSeconds) * ratePerSecond >= burst;
}
