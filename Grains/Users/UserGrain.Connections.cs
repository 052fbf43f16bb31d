using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Users;

/// <summary>
/// The user's connections. The grain keeps no record of them: each gateway's lease (<see cref="IGatewayGrain"/>) holds
/// that gateway's connections by user, so a connection holds no user-grain activation, and a grain that deactivated and
/// activated again finds them where they were (docs/architecture.md, "Connections per user").
/// </summary>
public sealed partial class UserGrain
{
    // The gateways this activation admitted connections on: a gateway that has just started may not be on the online
    // list yet, and tabs opening at once on it and on others must still all be counted.
    private readonly HashSet<string> _gatewaysAdmitting = [];

    public async Task AdmitConnection(string gatewayId, IRoomObserver gateway, string connectionId)
    {
        _ = Name;
        var max = limits.Value.MaxConnections;
        // Not reentrant: one admission of this user at a time, so what the other gateways hold plus this one is exact.
        var others = await Task.WhenAll((await GatewaysAsync()).Where(g => g != gatewayId).Select(ConnectionsOnAsync));
        _gatewaysAdmitting.Add(gatewayId);
        if (await Lease(gatewayId).TryAdmit(UserId, connectionId, gateway, max - others.Sum())) return;
        throw new ChatException($"Too many connections: you may have at most {max} open at once. Close a tab or window you do not use and try again.");
    }

    private async Task<int> ConnectionsOnAsync(string gatewayId)
    {
        try
        {
            return await Lease(gatewayId).ConnectionsOf(UserId);
        }
        catch (Exception ex)
        {
            // A lease that cannot be reached counts nothing: the limit errs towards admitting while a silo fails over.
            logger.LogWarning(ex, "Counting the connections of {User} on gateway {Gateway} failed", UserId, gatewayId);
            return 0;
        }
    }

    /// <summary>
    /// The gateways that may have connections of the user: the live ones (renewing the system-wide online list; a lease
    /// that timed out tells that list its gateway is gone) and those this activation admitted on.
    /// </summary>
    private async Task<IReadOnlyCollection<string>> GatewaysAsync()
    {
        try
        {
            var live = await GrainFactory.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).LiveGateways();
            return _gatewaysAdmitting.Count == 0 ? live : live.Union(_gatewaysAdmitting).ToList();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Listing the live gateways for {User} failed; using the ones this activation admitted on", UserId);
            return _gatewaysAdmitting;
        }
    }

    private IGatewayGrain Lease(string gatewayId) => GrainFactory.GetGrain<IGatewayGrain>(gatewayId);
}
