using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Users;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>The user grain's count of a user's connections over gateways, on a fake clock.</summary>
public sealed class UserConnectionsTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(90);
    private readonly FakeTimeProvider _time = new();
    private readonly UserConnections _connections = new(Expiry);
    private readonly RecordingObserver _observer = new();

    private bool Admit(string gateway, string connection, int max = 3) => _connections.TryAdmit(gateway, _observer, connection, max, _time.GetUtcNow());

    [Fact]
    public void Admissions_OverAllGateways_StopAtTheLimit_UntilOneIsReleased()
    {
        Assert.True(Admit("a", "1"));
        Assert.True(Admit("b", "2"));
        Assert.True(Admit("a", "3"));
        Assert.False(Admit("b", "4"));
        Assert.True(Admit("a", "3")); // the same connection again is no new one

        _connections.Release("a", "1");

        Assert.True(Admit("b", "4"));
        Assert.Equal(3, _connections.Count);
    }

    [Fact]
    public void AGatewaysReport_CountsConnectionsItHasBeyondTheAdmitted_AndZeroForgetsIt()
    {
        Assert.True(Admit("a", "1"));
        _connections.Report("a", _observer, 3, _time.GetUtcNow());
        Assert.False(Admit("b", "2"));

        _connections.Report("a", _observer, 0, _time.GetUtcNow());

        Assert.Equal(0, _connections.Count);
        Assert.Empty(_connections.Observers);
        Assert.True(Admit("b", "2"));
    }

    [Fact]
    public void ADeadGatewaysCounts_AreForgotten_OnlyOnceItIsNotLiveAndSilentForTheExpiry()
    {
        Assert.True(Admit("dead", "1"));
        Assert.True(Admit("dead", "2"));
        Assert.True(Admit("live", "3"));

        Assert.False(_connections.ForgetDead(["live"], _time.GetUtcNow()));
        _time.Advance(Expiry + TimeSpan.FromSeconds(1));
        Assert.True(_connections.ForgetDead(["live"], _time.GetUtcNow()));

        Assert.Equal(1, _connections.Count);
        Assert.True(Admit("live", "4"));
    }
}
