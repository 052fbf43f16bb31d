using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// The removal race (<see cref="RemovalRace"/>) against a real cluster: 2 silo processes and 2 gateway processes on
/// PostgreSQL, rooms and users spread over both silos.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ClusterRemovalRaceTests(ClusterFailoverTests.Server server) : IClassFixture<ClusterFailoverTests.Server>
{
    [Fact]
    public async Task RemovedUser_TabsConnectingOnAnyGatewayDuringTheRemoval_NeverReceiveTheRoomAfterwards()
    {
        var database = await server.Postgres.CreateDatabaseAsync("race_" + Guid.NewGuid().ToString("N")[..12]);
        await using var cluster = await LocalCluster.StartAsync(database, silos: 2, gateways: 2);

        var leaks = await RemovalRace.RunAsync([.. cluster.Gateways.Select(g => g.HttpAddress)], trials: 10);

        Assert.Empty(leaks);
    }
}
