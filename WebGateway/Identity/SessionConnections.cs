using OrleansChat.WebGateway.Hubs;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// This gateway's hub connections by user, each with the session of the token it was opened with, so that a revoked
/// session (log out, log out everywhere, password change; the user grain tells every gateway with a connection of the
/// user) closes its live connections. Independent of presence: whatever receives the user grain's
/// <see cref="IRoomObserver.OnSessionsRevoked"/> calls <see cref="Close"/>.
/// A user's connections are a chain through the connections themselves (<see cref="ChatConnection.NextOfUser"/>): most
/// users have one, and the registry then costs one dictionary entry.
/// </summary>
public sealed class SessionConnections(ILogger<SessionConnections> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, ChatConnection> _byUser = [];

    public void Add(ChatConnection connection)
    {
        lock (_lock)
        {
            connection.NextOfUser = _byUser.GetValueOrDefault(connection.UserId);
            _byUser[connection.UserId] = connection;
        }
    }

    public void Remove(ChatConnection connection)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(connection.UserId, out var first)) return;
            if (first == connection)
            {
                if (connection.NextOfUser is { } next) _byUser[connection.UserId] = next;
                else _byUser.Remove(connection.UserId);
            }
            else
            {
                var before = first;
                while (before.NextOfUser is { } c && c != connection) before = c;
                if (before.NextOfUser is null) return;
                before.NextOfUser = connection.NextOfUser;
            }
            connection.NextOfUser = null;
        }
    }

    /// <summary>Closes every connection of this gateway (it is stopping); returns how many.</summary>
    public int CloseAll()
    {
        List<ChatConnection> closing = [];
        lock (_lock)
        {
            foreach (var first in _byUser.Values) closing.AddRange(Chain(first));
        }
        foreach (var connection in closing) connection.Abort();
        return closing.Count;
    }

    /// <summary>Closes the user's connections opened with one of <paramref name="sessionIds"/>; returns how many.</summary>
    public int Close(Guid userId, IReadOnlyCollection<Guid> sessionIds)
    {
        List<ChatConnection> closing;
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var first)) return 0;
            closing = Chain(first).Where(c => sessionIds.Contains(c.SessionId)).ToList();
        }
        foreach (var connection in closing) connection.Abort();
        if (closing.Count > 0) logger.LogInformation("Closed {Count} connections of {User} whose session ended", closing.Count, userId);
        return closing.Count;
    }

    /// <summary>The connections of one user, from the first of the chain (called under the lock).</summary>
    private static IEnumerable<ChatConnection> Chain(ChatConnection first)
    {
        for (var c = first; c is not null; c = c.NextOfUser) yield return c;
    }
}
