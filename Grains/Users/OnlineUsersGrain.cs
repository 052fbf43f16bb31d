using Microsoft.Extensions.Options;
using OrleansChat.Grains.Presence;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Who is online system-wide: per gateway the users it has connected, renewed by the gateways like room subscriptions
/// and forgotten with the same expiry (<see cref="GatewayLeases{TEntry}"/>). In memory only: after a move the gateways'
/// next renewal rebuilds it.
/// </summary>
public sealed class OnlineUsersGrain(TimeProvider time, IOptions<RoomOptions> options) : Grain, IOnlineUsersGrain
{
    private readonly GatewayLeases<Dictionary<Guid, UserMatch>> _gateways = new(options.Value.SubscriptionExpiry, () => []);
    private readonly HashSet<string> _ids = [];

    public Task SetOnline(string gatewayId, UserMatch user, bool online)
    {
        var users = _gateways.Renew(gatewayId, time.GetUtcNow());
        _ids.Add(gatewayId);
        if (online) users[user.UserId] = user;
        else users.Remove(user.UserId);
        return Task.CompletedTask;
    }

    public Task Renew(string gatewayId, UserMatch[] users)
    {
        var current = _gateways.Renew(gatewayId, time.GetUtcNow());
        _ids.Add(gatewayId);
        current.Clear();
        foreach (var u in users) current[u.UserId] = u;
        return Task.CompletedTask;
    }

    public Task Remove(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        _ids.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<string[]> LiveGateways()
    {
        Expire();
        return Task.FromResult(_ids.ToArray());
    }

    private void Expire() => _ids.ExceptWith(_gateways.Expire(time.GetUtcNow()));

    public Task<IReadOnlyList<UserMatch>> List(int limit)
    {
        Expire();
        IReadOnlyList<UserMatch> users = _gateways.Entries
            .SelectMany(g => g.Values)
            .DistinctBy(u => u.UserId)
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .Take(Math.Clamp(limit, 1, ChatLimits.MaxOnlineListed))
            .ToList();
        return Task.FromResult(users);
    }
}
