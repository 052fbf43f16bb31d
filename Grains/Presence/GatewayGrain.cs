using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Grains.Presence;

/// <inheritdoc cref="IGatewayGrain"/>
public sealed class GatewayGrain(TimeProvider time, IOptions<RoomOptions> options, ILogger<GatewayGrain> logger) : Grain, IGatewayGrain
{
    private readonly HashSet<string> _rooms = [];
    private readonly GatewayConnections _connections = new();
    private IRoomObserver? _observer;
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
        Forget();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<int> ConnectionsOf(Guid userId) => Task.FromResult(_connections.CountOf(userId));

    public Task<bool> TryAdmit(Guid userId, string connectionId, IRoomObserver observer, int allowedHere)
    {
        _observer = observer;
        return Task.FromResult(_connections.TryAdmit(userId, connectionId, allowedHere));
    }

    public Task Release(Guid userId, string connectionId)
    {
        _connections.Release(userId, connectionId);
        return Task.CompletedTask;
    }

    public Task SetConnections(IRoomObserver observer, Dictionary<Guid, string[]> connections)
    {
        _observer = observer;
        _connections.Replace(connections);
        return Task.CompletedTask;
    }

    public Task RoomAdded(Guid userId, string roomId)
    {
        if (ObserverOf(userId) is { } observer) observer.OnRoomAdded(userId, roomId).Ignore();
        return Task.CompletedTask;
    }

    public Task SessionsRevoked(Guid userId, Guid[] sessionIds)
    {
        if (ObserverOf(userId) is { } observer) observer.OnSessionsRevoked(userId, sessionIds).Ignore();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The gateway's observer when it may have connections of <paramref name="userId"/>: it has some, or this activation
    /// has not had the gateway's full list yet (a lease that restarted with its silo), when telling it is the safe side.
    /// </summary>
    private IRoomObserver? ObserverOf(Guid userId) =>
        _connections.CountOf(userId) > 0 || !_connections.Complete ? _observer : null;

    private void Forget()
    {
        _known = false;
        _rooms.Clear();
        _connections.Clear();
        _observer = null;
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (!_known || time.GetUtcNow() - _lastBeat <= options.Value.GatewayTimeout) return;
        logger.LogWarning("Gateway {Gateway} stopped beating; removing it from {Rooms} rooms and forgetting its connections of {Users} users",
            GatewayId, _rooms.Count, _connections.Users);
        var rooms = _rooms.ToList();
        Forget();
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
