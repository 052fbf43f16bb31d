using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Users;

namespace OrleansChat.Tests.Users;

/// <summary>The login throttle as a plain class on a fake clock: no waiting, exact waits.</summary>
public sealed class LoginThrottleTests
{
    private const string Owner = "198.51.100.7";
    private const string Stranger = "203.0.113.9";
    private readonly FakeTimeProvider _time = new();
    private readonly LoginOptions _options = new();
    private readonly LoginThrottleState _state = new();

    private LoginThrottle Throttle => new(_state, _options, _time);

    [Fact]
    public void Failures_PastTheFreeOnes_WaitTwiceAsLongEachTime_UpToTheMaximum()
    {
        for (var i = 0; i < _options.FreeFailuresPerAddress - 1; i++) Throttle.Failed(Stranger);
        Assert.Equal(TimeSpan.Zero, Throttle.RetryAfter(Stranger));

        Throttle.Failed(Stranger);
        Assert.Equal(TimeSpan.FromSeconds(2), Throttle.RetryAfter(Stranger));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), Throttle.RetryAfter(Stranger));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, Throttle.RetryAfter(Stranger));

        Throttle.Failed(Stranger);
        Assert.Equal(TimeSpan.FromSeconds(4), Throttle.RetryAfter(Stranger));
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(Throttle.RetryAfter(Stranger));
            Throttle.Failed(Stranger);
        }
        Assert.Equal(_options.MaxWaitPerAddress, Throttle.RetryAfter(Stranger));
    }

    [Fact]
    public void StrangersFailures_DoNotSlowDownTheOwnersAddress()
    {
        for (var i = 0; i < 10; i++) Throttle.Failed(Stranger);

        Assert.True(Throttle.RetryAfter(Stranger) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, Throttle.RetryAfter(Owner));
    }

    [Fact]
    public void AccountCeiling_SlowsDownNewAddresses_ButNotOnesTheOwnerLoggedInFrom()
    {
        Throttle.Succeeded(Owner);

        // One guess from each of many addresses: no address reaches its own limit.
        for (var i = 0; i < _options.FreeFailuresPerAccount; i++) Throttle.Failed($"192.0.2.{i}");

        Assert.Equal(TimeSpan.FromSeconds(2), Throttle.RetryAfter("192.0.2.250"));
        Assert.Equal(TimeSpan.Zero, Throttle.RetryAfter(Owner));
    }

    [Fact]
    public void Success_ResetsItsAddress()
    {
        for (var i = 0; i < _options.FreeFailuresPerAddress - 1; i++) Throttle.Failed(Owner);

        Throttle.Succeeded(Owner);
        Throttle.Failed(Owner);

        Assert.Equal(TimeSpan.Zero, Throttle.RetryAfter(Owner));
    }

    [Fact]
    public void Failures_AreForgottenAfterTheirMemory()
    {
        for (var i = 0; i < _options.FreeFailuresPerAddress - 1; i++) Throttle.Failed(Stranger);

        _time.Advance(_options.FailureMemory + TimeSpan.FromSeconds(1));
        Throttle.Failed(Stranger);

        Assert.Equal(TimeSpan.Zero, Throttle.RetryAfter(Stranger));
        Assert.Equal(1, _state.ByAddress[Stranger].Count);
        Assert.Equal(1, _state.Account.Count);
    }

    [Fact]
    public void TrackedAddresses_AreBounded_TheOldestForgottenFirst()
    {
        _options.MaxTrackedAddresses = 3;
        for (var i = 0; i < 5; i++)
        {
            Throttle.Failed($"192.0.2.{i}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["192.0.2.2", "192.0.2.3", "192.0.2.4"], _state.ByAddress.Keys.Order());
    }
}
