using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// Live delivery follows the room's membership, also for tabs that connect while their user is being removed, on
/// either of two gateways of one cluster (docs/architecture.md, "Presence and delivery"). The process-level version
/// runs in <c>Tests/Cluster/ClusterRemovalRaceTests</c>.
/// </summary>
public sealed class LiveDeliveryRaceTests(TwoGatewaysFixture gateways) : IClassFixture<TwoGatewaysFixture>
{
    [Fact]
    public async Task RemovedUser_TabsConnectingDuringTheRemoval_NeverReceiveTheRoomAfterwards()
    {
        var leaks = await RemovalRace.RunAsync([gateways.First.BaseAddress, gateways.Second.BaseAddress], trials: 12);

        Assert.Empty(leaks);
    }
}
