using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Identity;

namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// The opening and closing of a hub connection, in the order that keeps the limits and revocation sound: admission by
/// the user grain, the session registry, the profile, presence reports, then the session checked once more. The hub's
/// <c>OnConnectedAsync</c> and <c>OnDisconnectedAsync</c> call it and do nothing else.
/// </summary>
public sealed class ConnectionLifecycle(IGrainFactory grains, GatewayIdentity gateway, GatewayPresence presence, SessionConnections sessions)
{
    public async Task OpenedAsync(HubCallerContext connection)
    {
        var (userId, sessionId) = (ChatTokenAuthentication.UserIdOf(connection), ChatTokenAuthentication.SessionIdOf(connection));
        var user = grains.GetGrain<IUserGrain>(userId);
        // The user grain counts the user's connections on every gateway and refuses one too many (a ChatException: the
        // connection closes with its reason). First, because OnDisconnectedAsync does not run for a refused connection.
        await user.AdmitConnection(gateway.Id, gateway.Observer, connection.ConnectionId);
        try
        {
            sessions.Add(userId, sessionId, connection);
            var profile = await user.EnsureProfile();
            await presence.ConnectedAsync(connection.ConnectionId, profile);
        }
        catch
        {
            sessions.Remove(userId, connection);
            await user.ReleaseConnection(gateway.Id, connection.ConnectionId);
            throw;
        }
        // The session may have ended since the token was checked, before the user grain knew of this gateway and
        // could tell it: checked again now that it does (ConnectedAsync reported the connection), so no window is left.
        if (!await user.IsSessionActive(sessionId)) connection.Abort();
    }

    public async Task ClosedAsync(HubCallerContext connection)
    {
        var userId = ChatTokenAuthentication.UserIdOf(connection);
        sessions.Remove(userId, connection);
        await grains.GetGrain<IUserGrain>(userId).ReleaseConnection(gateway.Id, connection.ConnectionId);
        await presence.DisconnectedAsync(connection.ConnectionId, userId);
    }
}
