using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Rooms;

/// <summary>The token bucket behind every rate limit, on a fake clock.</summary>
public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Burst_IsTakenAtOnce_ThenTokensComeBackAtTheRate()
    {
        var bucket = new TokenBucket(ratePerSecond: 2, burst: 3, _time.GetUtcNow());

        Assert.Equal(3, bucket.TakeUpTo(10, _time.GetUtcNow()));
        Assert.False(bucket.TryTake(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(bucket.TryTake(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(bucket.TryTake(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, bucket.TakeUpTo(10, _time.GetUtcNow()));
    }

    [Fact]
    public void ReturnedTokens_CanBeTakenAgain_ButNeverBeyondTheBurst()
    {
        var bucket = new TokenBucket(ratePerSecond: 0.001, burst: 5, _time.GetUtcNow());
        Assert.Equal(5, bucket.TakeUpTo(5, _time.GetUtcNow()));

        bucket.Return(2, _time.GetUtcNow());
        Assert.Equal(2, bucket.TakeUpTo(5, _time.GetUtcNow()));

        bucket.Return(100, _time.GetUtcNow());
        Assert.Equal(5, bucket.TakeUpTo(100, _time.GetUtcNow()));
    }
}
