using Microsoft.Extensions.Options;
using OrleansChat.Grains.Presence;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Who is online system-wide: per gateway the users it has connected, renewed by the gateways like room subscriptions
/// and forgotten with the same expiry (<see cref="GatewayLeases{TEntry}"/>); a gateway's renewals and single reports are
/// taken newest word first, as the rooms take them (<see cref="GatewayReports{T}"/>). In memory only: after a move the
/// gateways' next renewal rebuilds it.
/// </summary>
public sealed class OnlineUsersGrain(TimeProvider time, IOptions<RoomOptions> options) : Grain, IOnlineUsersGrain
{
    private readonly GatewayLeases<GatewayReports<UserMatch>> _gateways = new(options.Value.SubscriptionExpiry, () => new());
    private readonly HashSet<string> _ids = [];

    public Task SetOnline(string gatewayId, UserMatch user, bool online, long version)
    {
        _gateways.Renew(gatewayId, time.GetUtcNow()).Report(user.UserId, online, user, version);
        _ids.Add(gatewayId);
        return Task.CompletedTask;
    }

    public Task Renew(string gatewayId, UserMatch[] users, long version)
    {
        _gateways.Renew(gatewayId, time.GetUtcNow()).Replace(users.Select(u => KeyValuePair.Create(u.UserId, u)), version);
        _ids.Add(gatewayId);
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
            .SelectMany(g => g.Users.Values)
            .DistinctBy(u => u.UserId)
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .Take(Math.Clamp(limit, 1, ChatLimits.MaxOnlineListed))
            .ToList();
        return Task.FromResult(users);
    }
}
