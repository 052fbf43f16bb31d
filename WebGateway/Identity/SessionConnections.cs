using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// This gateway's hub connections by the session of the token they were opened with, so that a revoked session
/// (log out, log out everywhere, password change; the user grain tells every gateway with a connection of the user)
/// closes its live connections. Independent of presence: whatever receives the user grain's
/// <see cref="IRoomObserver.OnSessionsRevoked"/> calls <see cref="Close"/>.
/// </summary>
public sealed class SessionConnections(ILogger<SessionConnections> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, List<(Guid SessionId, HubCallerContext Connection)>> _byUser = [];

    public void Add(Guid userId, Guid sessionId, HubCallerContext connection)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var connections)) _byUser[userId] = connections = [];
            connections.Add((sessionId, connection));
        }
    }

    public void Remove(Guid userId, HubCallerContext connection)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var connections)) return;
            connections.RemoveAll(c => c.Connection == connection);
            if (connections.Count == 0) _byUser.Remove(userId);
        }
    }

    /// <summary>Closes every connection of this gateway (it is stopping); returns how many.</summary>
    public int CloseAll()
    {
        List<HubCallerContext> closing;
        lock (_lock) closing = _byUser.Values.SelectMany(c => c).Select(c => c.Connection).ToList();
        foreach (var connection in closing) connection.Abort();
        return closing.Count;
    }

    /// <summary>Closes the user's connections opened with one of <paramref name="sessionIds"/>; returns how many.</summary>
    public int Close(Guid userId, IReadOnlyCollection<Guid> sessionIds)
    {
        List<HubCallerContext> closing;
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var connections)) return 0;
            closing = connections.Where(c => sessionIds.Contains(c.SessionId)).Select(c => c.Connection).ToList();
        }
        foreach (var connection in closing) connection.Abort();
        if (closing.Count > 0) logger.LogInformation("Closed {Count} connections of {User} whose session ended", closing.Count, userId);
        return closing.Count;
    }
}
