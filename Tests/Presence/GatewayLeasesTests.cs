using OrleansChat.Grains.Presence;

namespace OrleansChat.Tests.Presence;

/// <summary>The one gateway registry of the grains: leases renewed by gateways, expiring without renewal.</summary>
public sealed class GatewayLeasesTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(6);
    private readonly DateTimeOffset _start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Renew_KeepsTheEntry_AndRestartsTheLease()
    {
        var leases = new GatewayLeases<List<int>>(Expiry, () => []);
        leases.Renew("g", _start).Add(1);

        var again = leases.Renew("g", _start + Expiry);

        Assert.Equal([1], again);
        Assert.Empty(leases.Expire(_start + Expiry + Expiry));
        Assert.Equal(["g"], leases.Expire(_start + Expiry + Expiry + TimeSpan.FromTicks(1)));
        Assert.Equal(0, leases.Count);
    }

    [Fact]
    public void Remove_ForgetsAGateway_AndARenewalAfterwardsStartsAfresh()
    {
        var leases = new GatewayLeases<List<int>>(Expiry, () => []);
        leases.Renew("g", _start).Add(1);

        Assert.True(leases.Remove("g"));
        Assert.False(leases.TryGet("g", out _));
        Assert.Empty(leases.Renew("g", _start));
    }
}
