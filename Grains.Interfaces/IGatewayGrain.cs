using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// A gateway's lease on the cluster, and its hub connections by user. The gateway beats every few seconds; when the
/// beats stop for <c>Chat:Rooms:GatewayTimeout</c>, the grain tells every room the gateway had subscribed to (and the
/// system-wide online list) that it is gone, so rooms stop notifying a dead gateway and its users go offline within
/// seconds rather than at the subscription expiry, and forgets the gateway's connections, so they no longer count
/// against their users' limit. The user grains count a user's connections here and tell their users' gateways through
/// it (docs/architecture.md, "Connections per user"). Key: the gateway id (<c>GatewayIdentity.Id</c>). In memory only:
/// a lease that restarts with its silo is rebuilt by the gateway's next beat and its full list of connections.
/// </summary>
[Alias("OrleansChat.IGatewayGrain")]
public interface IGatewayGrain : IGrainWithStringKey
{
    /// <summary>
    /// A beat. <paramref name="rooms"/>: rooms the gateway subscribed to since the last beat (added to what the grain
    /// knows), or all of them when <paramref name="all"/> (replacing it). Returns false when the grain did not know the
    /// gateway (it is new, the grain restarted, or the gateway was declared gone): the gateway then renews everything.
    /// </summary>
    [Alias("Beat")]
    Task<bool> Beat(string[] rooms, bool all);

    /// <summary>The gateway stops gracefully (it unsubscribes its rooms itself; its connections are forgotten).</summary>
    [Alias("Stop")]
    Task Stop();

    /// <summary>How many connections <paramref name="userId"/> has on this gateway; asked by the user's grain.</summary>
    [Alias("ConnectionsOf")]
    Task<int> ConnectionsOf(Guid userId);

    /// <summary>
    /// Records a new connection of <paramref name="userId"/> here unless the user has <paramref name="allowedHere"/> here
    /// already; called by the user's grain, which passes what the user's limit leaves after their connections on the
    /// other gateways (one user grain admits one connection at a time, so the sum is exact).
    /// </summary>
    [Alias("TryAdmit")]
    Task<bool> TryAdmit(Guid userId, string connectionId, IRoomObserver observer, int allowedHere);

    /// <summary>The gateway closed a connection.</summary>
    [OneWay, Alias("Release")]
    Task Release(Guid userId, string connectionId);

    /// <summary>
    /// The gateway's whole list of connections by user (with its full beats), replacing what the lease recorded: a
    /// restarted lease learns them, a lost <see cref="Release"/> heals.
    /// </summary>
    [Alias("SetConnections")]
    Task SetConnections(IRoomObserver observer, Dictionary<Guid, string[]> connections);

    /// <summary>The user's grain added a room to the user: passed to the gateway when it has connections of the user.</summary>
    [OneWay, Alias("RoomAdded")]
    Task RoomAdded(Guid userId, string roomId);

    /// <summary>Sessions of the user ended: passed to the gateway when it has connections of the user, which it closes.</summary>
    [OneWay, Alias("SessionsRevoked")]
    Task SessionsRevoked(Guid userId, Guid[] sessionIds);
}
