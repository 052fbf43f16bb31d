using OrleansChat.Grains.Presence;

namespace OrleansChat.Tests.Presence;

/// <summary>A gateway lease's record of its connections by user (<see cref="GatewayConnections"/>).</summary>
public sealed class GatewayConnectionsTests
{
    private static readonly Guid Ana = Guid.NewGuid();
    private static readonly Guid Bo = Guid.NewGuid();
    private readonly GatewayConnections _connections = new();

    [Fact]
    public void Admissions_StopAtWhatTheLimitLeavesHere_UntilOneIsReleased()
    {
        Assert.True(_connections.TryAdmit(Ana, "1", allowedHere: 2));
        Assert.True(_connections.TryAdmit(Ana, "2", allowedHere: 2));
        Assert.False(_connections.TryAdmit(Ana, "3", allowedHere: 2));
        Assert.True(_connections.TryAdmit(Ana, "2", allowedHere: 2)); // the same connection again is no new one
        Assert.True(_connections.TryAdmit(Bo, "4", allowedHere: 1));

        _connections.Release(Ana, "1");

        Assert.True(_connections.TryAdmit(Ana, "3", allowedHere: 2));
        Assert.Equal(2, _connections.CountOf(Ana));
        Assert.Equal(2, _connections.Users);
    }

    [Fact]
    public void NoRoomLeftByOtherGateways_RefusesEvenTheFirst()
    {
        Assert.False(_connections.TryAdmit(Ana, "1", allowedHere: 0));
        Assert.Equal(0, _connections.CountOf(Ana));
        Assert.Equal(0, _connections.Users);
    }

    [Fact]
    public void TheGatewaysFullList_ReplacesTheRecord_AndHealsALostRelease()
    {
        _connections.TryAdmit(Ana, "1", 5);
        _connections.TryAdmit(Ana, "closed, its release lost", 5);
        Assert.False(_connections.Complete);

        _connections.Replace(new Dictionary<Guid, string[]> { [Ana] = ["1"], [Bo] = ["2", "2"] });

        Assert.True(_connections.Complete);
        Assert.Equal(1, _connections.CountOf(Ana));
        Assert.Equal(1, _connections.CountOf(Bo));
    }

    [Fact]
    public void AGoneGateway_CountsNothing_AndIsIncompleteUntilItsNextList()
    {
        _connections.Replace(new Dictionary<Guid, string[]> { [Ana] = ["1", "2"] });

        _connections.Clear();

        Assert.Equal(0, _connections.CountOf(Ana));
        Assert.False(_connections.Complete);
    }
}
