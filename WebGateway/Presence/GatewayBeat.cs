using Microsoft.Extensions.Options;
using OrleansChat.WebGateway.Hosting;

namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// Keeps this gateway's lease (<see cref="IGatewayGrain"/>): a beat every <see cref="ChatGatewayOptions.GatewayBeat"/> with
/// the rooms it reached since the last one (all of them every <see cref="FullListEvery"/> beats). When the beats stop —
/// the process died — the lease tells those rooms within seconds, so they stop notifying it and its users go offline.
/// A lease that did not know this gateway (new, restarted, or declared gone during a partition) makes it renew every
/// subscription. Full beats also give the lease this gateway's connections by user, which the user grains count.
/// </summary>
public sealed class GatewayBeat(
    IGrainFactory grains,
    GatewayIdentity gateway,
    LocalConnections connections,
    RoomActivations activations,
    SubscriptionRenewal renewal,
    IOptions<ChatGatewayOptions> options,
    TimeProvider time,
    ILogger<GatewayBeat> logger) : BackgroundService
{
    private const int FullListEvery = 15;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private IGatewayGrain Lease => grains.GetGrain<IGatewayGrain>(gateway.Id);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GatewayBeat, time);
        var beat = 0;
        var sendAll = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var all = sendAll || beat % FullListEvery == 0;
                string[] rooms = all ? [.. connections.RoomsWithLocalMembers()] : activations.TakeNew();
                var known = await Lease.Beat(rooms, all).WaitAsync(CallTimeout, time);
                // The lease counts this gateway's connections for the user grains: the whole list with every full
                // beat, so a restarted lease learns them and a lost release heals.
                if (all || !known) await Lease.SetConnections(gateway.Observer, connections.ConnectionsByUser()).WaitAsync(CallTimeout, time);
                sendAll = !known;
                if (!known && beat > 0)
                {
                    logger.LogInformation("The cluster did not know this gateway's lease; renewing every subscription");
                    renewal.RenewAll();
                }
                beat++;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                sendAll = true;
                logger.LogDebug(ex, "A gateway beat failed");
            }
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Lease.Stop().WaitAsync(CallTimeout, time);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Ending the gateway lease on shutdown failed");
        }
    }
}
