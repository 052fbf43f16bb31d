using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Grains.Presence;

/// <inheritdoc cref="IGatewayGrain"/>
public sealed class GatewayGrain(TimeProvider time, IOptions<RoomOptions> options, ILogger<GatewayGrain> logger) : Grain, IGatewayGrain
{
    private readonly HashSet<string> _rooms = [];
    private DateTimeOffset _lastBeat;
    private bool _known;

    private string GatewayId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.GatewayTimeout;
        this.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions { DueTime = timeout / 4, Period = timeout / 4, Interleave = true });
        return Task.CompletedTask;
    }

    public Task<bool> Beat(string[] rooms, bool all)
    {
        var known = _known;
        _known = true;
        _lastBeat = time.GetUtcNow();
        if (all) _rooms.Clear();
        _rooms.UnionWith(rooms);
        return Task.FromResult(known);
    }

    public Task Stop()
    {
        _known = false;
        _rooms.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (!_known || time.GetUtcNow() - _lastBeat <= options.Value.GatewayTimeout) return;
        logger.LogWarning("Gateway {Gateway} stopped beating; removing it from {Rooms} rooms", GatewayId, _rooms.Count);
        var rooms = _rooms.ToList();
        _known = false;
        _rooms.Clear();
        await GrainFactory.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).Remove(GatewayId);
        await Task.WhenAll(rooms.Select(async room =>
        {
            try
            {
                await GrainFactory.GetGrain<IRoomGrain>(room).Unsubscribe(GatewayId);
            }
            catch (Exception ex)
            {
                // The room forgets the gateway at its subscription expiry all the same.
                logger.LogInformation(ex, "Telling {Room} that gateway {Gateway} is gone failed", room, GatewayId);
            }
        }));
        DeactivateOnIdle();
    }
}
