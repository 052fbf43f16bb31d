using Microsoft.Extensions.Options;
using OrleansChat.WebGateway.Hosting;
using OrleansChat.WebGateway.Hubs;

namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// Presence, the gateway's half (docs/architecture.md, "Presence and delivery"): the hub tells it when connections open
/// and close and when their user joins or leaves a room; it keeps <see cref="LocalConnections"/> and reports to the
/// rooms which of their members are connected here. The rooms decide from that who receives what
/// (<see cref="RoomObserver"/> delivers); <see cref="SubscriptionRenewal"/> repeats the reports on a timer.
/// </summary>
public sealed class GatewayPresence(
    IGrainFactory grains,
    RoomReferences rooms,
    GatewayIdentity gateway,
    LocalConnections connections,
    RoomActivations activations,
    PushOrder order,
    IOptions<ChatGatewayOptions> options,
    ILogger<GatewayPresence> logger)
{

    public async Task ConnectedAsync(string connectionId, UserProfile profile)
    {
        var (first, version) = connections.Connect(connectionId, profile.UserId, profile.Name, profile.Rooms);
        Diagnostics.GatewayMetrics.Connections.Add(1);
        if (first)
        {
            await ReportSystemWideAsync(new UserMatch(profile.UserId, profile.Name), online: true, version);
            await Task.WhenAll(profile.Rooms.Select(room => ReportAsync(room, profile.UserId, online: true, version)));
        }
        else await ReportAwayChangeAsync(profile.UserId);
    }

    public async Task DisconnectedAsync(string connectionId, Guid userId)
    {
        if (connections.Disconnect(connectionId, userId) is not { } gone) return;
        Diagnostics.GatewayMetrics.Connections.Add(-1);
        if (gone.Last)
        {
            await ReportSystemWideAsync(new UserMatch(userId, gone.Name), online: false, gone.Version);
            await Task.WhenAll(gone.Rooms.Select(room => ReportAsync(room, userId, online: false, gone.Version)));
        }
        else await ReportAwayChangeAsync(userId);
    }

    /// <summary>
    /// The page of <paramref name="connectionId"/> says it is away (hidden tab or idle) or active again. The rooms hear
    /// of it only when the user's state on this gateway changes: away once every local connection is away, active
    /// again as soon as one is not; the rooms combine the gateways (<see cref="IRoomGrain.SetOnline"/>).
    /// </summary>
    public async Task SetAwayAsync(string connectionId, Guid userId, bool away)
    {
        if (connections.SetAway(connectionId, userId, away)) await ReportAwayChangeAsync(userId);
    }

    /// <summary>
    /// The user is a member of <paramref name="roomId"/> now (joined, created, invited, in any tab): the room learns that
    /// the user is connected here, and from then on addresses its notifications to the user's connections here too.
    /// </summary>
    public async Task JoinedAsync(Guid userId, string roomId)
    {
        var (news, version) = connections.AddRoom(userId, roomId);
        if (news) await ReportAsync(roomId, userId, online: true, version, connections.IsAway(userId));
    }

    /// <summary>
    /// The caller opened a room (created, joined, or a direct conversation): <see cref="JoinedAsync"/>, and the room's
    /// member list's first page. The room built it before that report (it admits reports only of members), taking the
    /// caller as online already (listed and counted where this report puts them).
    /// </summary>
    public async Task<JoinResult> OpenedAsync(Guid userId, JoinResult result)
    {
        await JoinedAsync(userId, result.Room.Id);
        return result;
    }

    /// <summary>The user left <paramref name="roomId"/> (the room has stopped addressing them already).</summary>
    public void Left(Guid userId, string roomId) => connections.RemoveRoom(userId, roomId);

    /// <summary>
    /// Renews this gateway's subscription to <paramref name="roomId"/> with its local <paramref name="members"/> as of
    /// <paramref name="version"/> of <see cref="LocalConnections"/>; a room that restarted pushes what this gateway
    /// missed (<see cref="IRoomGrain.Subscribe"/>). Throws when the room cannot be reached.
    /// </summary>
    public async Task SubscribeAsync(string roomId, Guid[] members, long version, CancellationToken cancellationToken = default)
    {
        var activation = await rooms.Room(roomId)
            .Subscribe(gateway.Id, gateway.Observer, members, order.Delivered(roomId), activations.Known(roomId), version, connections.AwayOf(members))
            .WaitAsync(options.Value.SubscriptionCallTimeout, cancellationToken);
        activations.Changed(roomId, activation);
    }

    private async Task ReportAwayChangeAsync(Guid userId)
    {
        if (connections.TakeAwayChange(userId) is { } change)
            await Task.WhenAll(change.Rooms.Select(room => ReportAsync(room, userId, online: true, change.Version, change.Away)));
    }

    private async Task ReportAsync(string roomId, Guid userId, bool online, long version, bool away = false)
    {
        try
        {
            var ack = await rooms.Room(roomId).SetOnline(gateway.Id, gateway.Observer, userId, online, version, away);
            if (!ack.IsMember) connections.RemoveRoom(userId, roomId);
            // A new activation knows only what was reported since it started: renew the whole subscription now.
            if (activations.Changed(roomId, ack.ActivationId))
            {
                var (members, now) = connections.MembersOf(roomId);
                await SubscribeAsync(roomId, members, now);
            }
        }
        catch (Exception ex)
        {
            // The renewal timer repeats the full online list, so a failed report heals within one period.
            logger.LogWarning(ex, "Reporting {User} {State} in {Room} failed", userId, !online ? "offline" : away ? "away" : "online", roomId);
        }
    }

    private async Task ReportSystemWideAsync(UserMatch user, bool online, long version)
    {
        try
        {
            await grains.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).SetOnline(gateway.Id, user, online, version);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reporting {User} {State} system-wide failed", user.UserId, online ? "online" : "offline");
        }
    }
}
