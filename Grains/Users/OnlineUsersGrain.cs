using Microsoft.Extensions.Options;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Who is online system-wide: per gateway the users it has connected, renewed by the gateways like room subscriptions
/// and forgotten with the same expiry. In memory only: after a move the gateways' next renewal rebuilds it.
/// </summary>
public sealed class OnlineUsersGrain(TimeProvider time, IOptions<RoomOptions> options) : Grain, IOnlineUsersGrain
{
    private readonly Dictionary<string, (DateTimeOffset RenewedAt, Dictionary<Guid, UserMatch> Users)> _gateways = [];

    public Task SetOnline(string gatewayId, UserMatch user, bool online)
    {
        var users = Touch(gatewayId);
        if (online) users[user.UserId] = user;
        else users.Remove(user.UserId);
        return Task.CompletedTask;
    }

    public Task Renew(string gatewayId, UserMatch[] users)
    {
        var current = Touch(gatewayId);
        current.Clear();
        foreach (var u in users) current[u.UserId] = u;
        return Task.CompletedTask;
    }

    public Task Remove(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UserMatch>> List(int limit)
    {
        var cutoff = time.GetUtcNow() - options.Value.SubscriptionExpiry;
        foreach (var gatewayId in _gateways.Where(g => g.Value.RenewedAt < cutoff).Select(g => g.Key).ToList()) _gateways.Remove(gatewayId);
        IReadOnlyList<UserMatch> users = _gateways.Values
            .SelectMany(g => g.Users.Values)
            .DistinctBy(u => u.UserId)
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .Take(Math.Clamp(limit, 1, ChatLimits.MaxOnlineListed))
            .ToList();
        return Task.FromResult(users);
    }

    private Dictionary<Guid, UserMatch> Touch(string gatewayId)
    {
        var users = _gateways.TryGetValue(gatewayId, out var entry) ? entry.Users : [];
        _gateways[gatewayId] = (time.GetUtcNow(), users);
        return users;
    }
}
