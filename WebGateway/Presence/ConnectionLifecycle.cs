using OrleansChat.WebGateway.Hubs;
using OrleansChat.WebGateway.Identity;

namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// The opening and closing of a hub connection, in the order that keeps the limits and revocation sound: admission by
/// the user grain, the session registry, the profile, presence reports, then the session checked once more. The hub's
/// <c>OnConnectedAsync</c> and <c>OnDisconnectedAsync</c> call it and do nothing else.
/// </summary>
public sealed class ConnectionLifecycle(IGrainFactory grains, GatewayIdentity gateway, GatewayPresence presence, SessionConnections sessions)
{
    public async Task OpenedAsync(ChatConnection connection)
    {
        var (userId, sessionId) = (connection.UserId, connection.SessionId);
        var user = grains.GetGrain<IUserGrain>(userId);
        // The user grain counts the user's connections on every gateway's lease and refuses one too many (a ChatException:
        // the connection closes with its reason); an admitted one is recorded in this gateway's lease, which the user
        // grain tells of ended sessions. First, because OnDisconnectedAsync does not run for a refused connection.
        await user.AdmitConnection(gateway.Id, gateway.Observer, connection.Id);
        try
        {
            sessions.Add(connection);
            var profile = await user.EnsureProfile();
            await presence.ConnectedAsync(connection.Id, profile);
        }
        catch
        {
            sessions.Remove(connection);
            await Lease.Release(userId, connection.Id);
            throw;
        }
        // The session may have ended since the token was checked, before this gateway's lease knew of the connection
        // and could pass the notice on: checked again now that it does (and the session registry has it), so no
        // window is left.
        if (!await user.IsSessionActive(sessionId)) connection.Abort();
    }

    public async Task ClosedAsync(ChatConnection connection)
    {
        sessions.Remove(connection);
        // One-way: a lost release is healed by the gateway's next full list (GatewayBeat).
        await Lease.Release(connection.UserId, connection.Id);
        await presence.DisconnectedAsync(connection.Id, connection.UserId);
    }

    /// <summary>This gateway's lease, where the user grains recorded its connections.</summary>
    private IGatewayGrain Lease => grains.GetGrain<IGatewayGrain>(gateway.Id);
}
