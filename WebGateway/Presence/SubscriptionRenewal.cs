using Microsoft.Extensions.Options;
using OrleansChat.WebGateway.Hosting;

namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// Registers this gateway's observer and keeps every room with local members subscribed to it. A room's subscriber
/// list lives in the room's memory, so it is lost when the room's silo dies or the room moves; this service rebuilds
/// it: every <see cref="ChatGatewayOptions.SubscriptionRenewal"/> for all rooms (well inside the rooms' expiry), at once
/// and again after <see cref="ChatGatewayOptions.SubscriptionSettle"/> when the set of silos changes, and every
/// <see cref="ChatGatewayOptions.SubscriptionRetry"/> for a room whose renewal failed.
/// </summary>
public sealed class SubscriptionRenewal(
    IGrainFactory grains,
    RoomObserver observer,
    RoomActivations activations,
    PushOrder order,
    GatewayIdentity gateway,
    GatewayPresence presence,
    LocalConnections connections,
    IOptions<ChatGatewayOptions> options,
    TimeProvider time,
    ILogger<SubscriptionRenewal> logger) : BackgroundService
{
    private const int Parallelism = 32;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly HashSet<string> _retry = [];
    private readonly List<DateTimeOffset> _renewAllAt = [];
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        gateway.SetObserver(grains.CreateObjectReference<IRoomObserver>(observer));
        return base.StartAsync(cancellationToken);
    }

    /// <summary>The Orleans client's count of connected silos changed: a silo died, stopped or joined.</summary>
    public void OnGatewayCountChanged(GatewayCountChangedEventArgs e)
    {
        logger.LogInformation("Connected silos: {Previous} -> {Current}; renewing room subscriptions",
            e.PreviousNumberOfConnectedGateways, e.NumberOfConnectedGateways);
        RenewAll();
    }

    /// <summary>Renews every subscription now and once more after the settle delay.</summary>
    public void RenewAll()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _renewAllAt.Add(now);
            _renewAllAt.Add(now + options.Value.SubscriptionSettle);
        }
        Wake();
    }

    private void Wake()
    {
        TaskCompletionSource wake;
        lock (_lock) wake = _wake;
        wake.TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.SubscriptionRenewal;
        var nextFull = time.GetUtcNow() + period;
        var onlineList = Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            bool all;
            string[] retry;
            TimeSpan wait;
            lock (_lock)
            {
                all = now >= nextFull || _renewAllAt.Any(t => t <= now);
                _renewAllAt.RemoveAll(t => t <= now);
                retry = [.. _retry];
                _retry.Clear();
                var next = _renewAllAt.Append(nextFull).Min();
                wait = next - now;
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (all || retry.Length > 0)
            {
                if (all)
                {
                    nextFull = now + period;
                    // Beside the rooms, not before them: when the online list's silo is the one that died, its call
                    // waits until the cluster declares that silo dead, and the rooms' renewals must not wait with it.
                    if (onlineList.IsCompleted) onlineList = RenewOnlineUsersAsync();
                }
                var (rooms, version) = connections.Snapshot();
                if (all)
                {
                    activations.Retain(rooms.Keys);
                    order.Retain(rooms.Keys);
                }
                var failed = await RenewAsync(all ? rooms : rooms.Where(r => retry.Contains(r.Key)), version, stoppingToken);
                if (failed.Count > 0)
                {
                    lock (_lock) _retry.UnionWith(failed);
                    await DelayAsync(options.Value.SubscriptionRetry, null, stoppingToken);
                    continue;
                }
            }

            Task wakeTask;
            lock (_lock) wakeTask = _wake.Task;
            if (wait > TimeSpan.Zero) await DelayAsync(wait, wakeTask, stoppingToken);
        }
        await onlineList;
    }

    /// <summary>Waits for <paramref name="delay"/>, or less if <paramref name="wake"/> completes first, or until stopping.</summary>
    private async Task DelayAsync(TimeSpan delay, Task? wake, CancellationToken stoppingToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(delay, time, done.Token);
        await (wake is null ? timer : Task.WhenAny(timer, wake)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await done.CancelAsync();
    }

    private async Task<List<string>> RenewAsync(IEnumerable<KeyValuePair<string, List<Guid>>> rooms, long version, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        if (cancellationToken.IsCancellationRequested) return failed;
        await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (entry, _) =>
        {
            var (room, members) = entry;
            try
            {
                await presence.SubscribeAsync(room, [.. members], version, cancellationToken);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Renewing the subscription to {Room} failed; retrying in {Retry}", room, options.Value.SubscriptionRetry);
                lock (failed) failed.Add(room);
            }
        });
        return failed;
    }

    /// <summary>The system-wide online list forgets a gateway that stops renewing, like the rooms do.</summary>
    private async Task RenewOnlineUsersAsync()
    {
        try
        {
            var (users, version) = connections.ConnectedUsers();
            await grains.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).Renew(gateway.Id, users, version).WaitAsync(CallTimeout, time);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Renewing the system-wide online list failed");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).Remove(gateway.Id).WaitAsync(CallTimeout, time);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Leaving the system-wide online list on shutdown failed");
        }
        // Tell the rooms this gateway is leaving, so that its users go offline now rather than at expiry.
        await Parallel.ForEachAsync(connections.RoomsWithLocalMembers(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (room, _) =>
        {
            try
            {
                await grains.GetGrain<IRoomGrain>(room).Unsubscribe(gateway.Id).WaitAsync(CallTimeout, time);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Unsubscribing from {Room} on shutdown failed", room);
            }
        });
    }
}
