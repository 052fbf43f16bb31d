using Microsoft.Extensions.Options;
using OrleansChat.WebGateway.Hosting;

namespace OrleansChat.WebGateway.Notifications;

/// <summary>
/// Registers this gateway's observer and renews its subscription to every room with local members on a timer shorter
/// than the rooms' expiry: a room that moved or restarted has lost its subscriber list and learns it again here.
/// </summary>
public sealed class SubscriptionRenewal(
    IGrainFactory grains,
    RoomObserver observer,
    GatewayIdentity gateway,
    LocalConnections connections,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<SubscriptionRenewal> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        gateway.SetObserver(grains.CreateObjectReference<IRoomObserver>(observer));
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SubscriptionRenewal, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RenewAsync();
        }
    }

    public async Task RenewAsync()
    {
        try
        {
            await grains.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).Renew(gateway.Id, connections.ConnectedUsers());
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Renewing the system-wide online list failed");
        }

        foreach (var (room, members) in connections.RoomsWithLocalMembers())
        {
            try
            {
                await grains.GetGrain<IRoomGrain>(room).Subscribe(gateway.Id, gateway.Observer, [.. members]);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Renewing the subscription to {Room} failed", room);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).Remove(gateway.Id);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Leaving the system-wide online list on shutdown failed");
        }
        foreach (var room in connections.RoomsWithLocalMembers().Keys)
        {
            try
            {
                await grains.GetGrain<IRoomGrain>(room).Unsubscribe(gateway.Id);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Unsubscribing from {Room} on shutdown failed", room);
            }
        }
    }
}
