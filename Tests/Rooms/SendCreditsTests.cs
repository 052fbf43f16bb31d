using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Rooms;

/// <summary>A room's leased share of its senders' budgets, on a fake clock.</summary>
public sealed class SendCreditsTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly SendCredits _credits = new(Lifetime);
    private readonly Guid _user = Guid.NewGuid();

    [Fact]
    public void LeasedCredits_AreSpentOneAPost_ThenNoneAreLeft()
    {
        Assert.False(_credits.TryTake(_user, _time.GetUtcNow()));

        _credits.Add(_user, 2, _time.GetUtcNow());

        Assert.True(_credits.TryTake(_user, _time.GetUtcNow()));
        Assert.True(_credits.TryTake(_user, _time.GetUtcNow()));
        Assert.False(_credits.TryTake(_user, _time.GetUtcNow()));
        Assert.False(_credits.TryTake(Guid.NewGuid(), _time.GetUtcNow()));
    }

    [Fact]
    public void UnusedCredits_ExpireAfterTheLifetime_AndAreGivenBack()
    {
        _credits.Add(_user, 5, _time.GetUtcNow());
        Assert.True(_credits.TryTake(_user, _time.GetUtcNow()));

        _time.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_credits.Expire(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(_credits.TryTake(_user, _time.GetUtcNow()));

        var returned = Assert.Single(_credits.Expire(_time.GetUtcNow()));
        Assert.Equal((_user, 4), returned);
        Assert.Empty(_credits.Expire(_time.GetUtcNow()));
    }

    [Fact]
    public void ANewLease_KeepsTheLeftoversOfAnExpiredOne_WhichAreNotGivenBackTwice()
    {
        _credits.Add(_user, 2, _time.GetUtcNow());
        _time.Advance(Lifetime);

        _credits.Add(_user, 1, _time.GetUtcNow());

        Assert.Empty(_credits.Expire(_time.GetUtcNow()));
        for (var i = 0; i < 3; i++) Assert.True(_credits.TryTake(_user, _time.GetUtcNow()));
        Assert.False(_credits.TryTake(_user, _time.GetUtcNow()));
    }

    [Fact]
    public void Leases_StartAtOneCredit_AndDoubleForASenderWhoKeepsWriting_UpToTheMaximum()
    {
        Assert.Equal(1, _credits.NextLeaseSize(_user, 10));
        _credits.Add(_user, 1, _time.GetUtcNow());
        Assert.Equal(2, _credits.NextLeaseSize(_user, 10));
        _credits.Add(_user, 8, _time.GetUtcNow());
        Assert.Equal(10, _credits.NextLeaseSize(_user, 10));

        _time.Advance(Lifetime);
        _credits.Expire(_time.GetUtcNow());
        Assert.Equal(1, _credits.NextLeaseSize(_user, 10));
    }
}
