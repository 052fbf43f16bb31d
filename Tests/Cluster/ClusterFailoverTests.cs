using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// Process-level failures of a real cluster: 3 silo processes and 2 gateway processes on a real PostgreSQL server, behind
/// the YARP proxy (Proxy/) that clients connect through, as they do with scripts/cluster.sh: one address, and a dead
/// gateway's clients come back through the same URL. SignalR clients send all the while. Measured recovery times go to the test output and to
/// TestResults/measurements.txt (docs/operations.md quotes them).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ClusterFailoverTests(ClusterFailoverTests.Server server, ITestOutputHelper output) : IClassFixture<ClusterFailoverTests.Server>
{
    private const int Senders = 4;
    private const int PerSender = 30;

    // A dead gateway is forgotten through its lease (beats every 2 s by default), long before the subscription expiry.
    private static readonly Dictionary<string, string> SiloSettings = new()
    {
        ["Chat:Rooms:GatewayTimeout"] = "00:00:04",
    };

    private static readonly Dictionary<string, string> GatewaySettings = new()
    {
        ["Chat:SubscriptionRenewal"] = "00:00:02",
        ["Chat:SubscriptionSettle"] = "00:00:02",
        ["Chat:SubscriptionRetry"] = "00:00:01",
    };

    [Fact]
    public async Task SiloThenGatewayKilled_UnderTraffic_ClientsRecoverAndEndWithGapFreeHistories()
    {
        var database = await server.Postgres.CreateDatabaseAsync("kill_" + Guid.NewGuid().ToString("N")[..12]);
        await using var cluster = await LocalCluster.StartAsync(database, silos: 3, gateways: 2, SiloSettings, GatewaySettings, proxy: true);
        var (room, clients, lurker, watcher, victimGateway, onVictim) = await SetUpRoomAsync(cluster);
        await using var disposeClients = new AsyncDisposables([.. clients, lurker]);

        var total = Senders * PerSender;
        var recoveredGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var traffic = new Traffic(room, clients, onVictim, () => Wait.For(recoveredGate.Task, "the room to come back on another silo", TimeSpan.FromSeconds(60)));
        var sending = traffic.RunAsync();

        // 1. kill -9 the silo that hosts the room.
        await Wait.For(traffic.ThirdAcknowledged, "a third of the messages to be acknowledged");
        var victim = await cluster.SiloOfRoomAsync(room);
        var survivors = cluster.Silos.Where(s => s != victim).ToList();
        var moved = Task.WhenAny(survivors.Select(s => s.WaitForLine(LocalCluster.RoomActivated(room), includeEarlier: false)));
        await victim.KillAsync();
        var siloKilledAt = DateTimeOffset.UtcNow;
        var reactivatedAt = await (await Wait.For(moved, "the room to be activated on another silo", TimeSpan.FromSeconds(60)));
        recoveredGate.TrySetResult();

        // 2. kill -9 the gateway of the lurker (who does not come back) and of some of the senders.
        await Wait.For(traffic.TwoThirdsOfVictimsAcknowledged, "two thirds of the victim gateway's messages to be acknowledged", TimeSpan.FromSeconds(90));
        var takenOut = cluster.Proxy!.WaitForLine(TakenOut(victimGateway), includeEarlier: false);
        await cluster.Gateways[victimGateway].KillAsync();
        var gatewayKilledAt = DateTimeOffset.UtcNow;
        await Wait.For(sending, "every sender to finish", TimeSpan.FromSeconds(120));
        var offlineAt = await LurkerOfflineAsync(watcher, room, lurker, "the dead gateway's user to show offline");

        // Every client: on the live gateway, still receiving pushes, and with the whole history once and in order.
        await AllReceiveByPushAsync(cluster, room, clients);
        await AssertGapFreeAsync(room, clients, total + 1);

        var siloRecovery = FirstAcksAfter(clients, siloKilledAt);
        var gatewayRecovery = FirstAcksAfter(clients.Where((_, i) => onVictim.Contains(i)), gatewayKilledAt);
        var takenOutAt = await Wait.For(takenOut, "the proxy to take the dead gateway out of rotation");
        Report(
            $"kill -9 silo: room active on another silo after {Seconds(reactivatedAt - siloKilledAt)}; " +
            $"first send acknowledged after {Earliest(siloRecovery)}, every sender after {Latest(siloRecovery)}",
            $"kill -9 gateway: the proxy took it out of rotation after {Seconds(takenOutAt - gatewayKilledAt)}; " +
            $"its clients reconnected through the proxy to the other gateway, first send acknowledged after {Earliest(gatewayRecovery)}, " +
            $"every sender after {Latest(gatewayRecovery)}; the dead gateway's user shown offline on the other gateway " +
            (offlineAt < gatewayKilledAt
                ? "already before the kill (its gateway had not re-subscribed to the restarted room yet; the presence refresh showed it)"
                : $"after {Seconds(offlineAt - gatewayKilledAt)} (gateway timeout 4 s, subscription expiry 90 s)"));
        // Every sender is now on the surviving gateway, through the same address.
        await cluster.WaitForConnectionsAsync(c => c[1 - victimGateway] == Senders, "every sender to be connected to the surviving gateway");
        Assert.True(takenOutAt - gatewayKilledAt < TimeSpan.FromSeconds(5), $"The proxy took {takenOutAt - gatewayKilledAt} to take the dead gateway out.");
        // Each gateway delivers a room's events in sequence order, once, also around the failures (PushOrder).
        Assert.All(clients, c => Assert.Equal(0, c.OutOfOrderPushes));
        Assert.True(Max0(offlineAt - gatewayKilledAt) < TimeSpan.FromSeconds(4 + 1 + 4), "A dead gateway's users go offline within the gateway timeout + check period.");
    }

    [Fact]
    public async Task SiloThenGatewayStoppedWithSigterm_UnderTraffic_LoseNothingAndStopWithinBoundedTime()
    {
        var database = await server.Postgres.CreateDatabaseAsync("term_" + Guid.NewGuid().ToString("N")[..12]);
        // A long expiry: a user of a gracefully stopped gateway must go offline because it unsubscribed, not by expiry.
        var siloSettings = new Dictionary<string, string> { ["Chat:Rooms:SubscriptionExpiry"] = "00:05:00" };
        await using var cluster = await LocalCluster.StartAsync(database, silos: 3, gateways: 2, siloSettings, GatewaySettings, proxy: true);
        var (room, clients, lurker, watcher, victimGateway, onVictim) = await SetUpRoomAsync(cluster);
        await using var disposeClients = new AsyncDisposables([.. clients, lurker]);

        var total = Senders * PerSender;
        var moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var traffic = new Traffic(room, clients, onVictim, () => Wait.For(moved.Task, "the room to move to another silo", TimeSpan.FromSeconds(60)));
        var sending = traffic.RunAsync();

        // 1. SIGTERM to the silo that hosts the room: it hands its grains over and leaves the cluster.
        await Wait.For(traffic.ThirdAcknowledged, "a third of the messages to be acknowledged");
        var victim = await cluster.SiloOfRoomAsync(room);
        var reactivated = Task.WhenAny(cluster.Silos.Where(s => s != victim).Select(s => s.WaitForLine(LocalCluster.RoomActivated(room), includeEarlier: false)));
        var siloStop = await victim.TerminateAsync(TimeSpan.FromSeconds(60));
        moved.TrySetResult();
        await Wait.For(reactivated, "the room to be activated on another silo", TimeSpan.FromSeconds(60));

        // 2. SIGTERM to the gateway of the lurker and of some of the senders.
        await Wait.For(traffic.TwoThirdsOfVictimsAcknowledged, "two thirds of the victim gateway's messages to be acknowledged", TimeSpan.FromSeconds(90));
        var gatewayStoppedAt = DateTimeOffset.UtcNow;
        var gatewayStop = await cluster.Gateways[victimGateway].TerminateAsync(TimeSpan.FromSeconds(60));
        await Wait.For(sending, "every sender to finish", TimeSpan.FromSeconds(120));
        var offlineAt = await LurkerOfflineAsync(watcher, room, lurker, "the stopped gateway's user to show offline");

        await AllReceiveByPushAsync(cluster, room, clients);
        await AssertGapFreeAsync(room, clients, total + 1);
        await cluster.WaitForConnectionsAsync(c => c[1 - victimGateway] == Senders, "every sender to be connected to the remaining gateway");

        Report(
            $"SIGTERM silo: exited after {Seconds(siloStop)} (room moved, no acknowledged message lost)",
            $"SIGTERM gateway: exited after {Seconds(gatewayStop)}; its user shown offline on the other gateway after {Seconds(Max0(offlineAt - gatewayStoppedAt))} (unsubscribed on stop)");
        Assert.True(siloStop < TimeSpan.FromSeconds(30), $"The silo took {siloStop} to stop.");
        Assert.True(gatewayStop < TimeSpan.FromSeconds(30), $"The gateway took {gatewayStop} to stop.");
        Assert.True(Max0(offlineAt - gatewayStoppedAt) < TimeSpan.FromSeconds(30), "A stopped gateway's users go offline long before the 5 minute expiry.");
    }

    [Fact]
    public async Task SiloOfTheRoomKilled_OneMessageThenQuiet_EveryClientGetsItByPush()
    {
        var database = await server.Postgres.CreateDatabaseAsync("quiet_" + Guid.NewGuid().ToString("N")[..12]);
        // The gateways keep their default renewal settings: this is the behaviour operators get.
        await using var cluster = await LocalCluster.StartAsync(database, silos: 3, gateways: 2, SiloSettings, proxy: true);
        var (room, clients, lurker, _, _, _) = await SetUpRoomAsync(cluster);
        await using var disposeClients = new AsyncDisposables([.. clients, lurker]);
        var warm = await clients[0].SendAsync(room, "warm", "before the crash", () => Task.CompletedTask);
        try
        {
            foreach (var client in clients) await client.WaitUntil(c => c.Pushed(room).Any(p => p.Event.Seq == warm.Seq), $"{client.Session.Name} to get the first message by push");
        }
        catch (TimeoutException)
        {
            Explain(cluster, room, clients);
            throw;
        }

        var victim = await cluster.SiloOfRoomAsync(room);
        var moved = Task.WhenAny(cluster.Silos.Where(s => s != victim).Select(s => s.WaitForLine(LocalCluster.RoomActivated(room), includeEarlier: false)));
        await victim.KillAsync();
        // One message into the restarted room, then nothing: no later event can reveal a gap to anyone.
        var ack = await clients[^1].SendAsync(room, "after", "the only message after the crash",
            () => Wait.For(moved, "the room to be activated on another silo", TimeSpan.FromSeconds(60)));
        var ackedAt = clients[^1].Acks.Single(a => a.ClientMsgId == "after").AckedAt;

        foreach (var client in clients)
        {
            await client.WaitUntil(c => c.Pushed(room).Any(p => p.Event.Seq == ack.Seq), $"{client.Session.Name} to get the message by push", TimeSpan.FromSeconds(30));
        }
        var latest = clients.Max(c => c.Pushed(room).First(p => p.Event.Seq == ack.Seq).At - ackedAt);
        Report($"kill -9 silo, then one message and quiet: every client had it by push {Seconds(Max0(latest))} after its ack");
        Assert.True(latest < TimeSpan.FromSeconds(2), $"The last client got the message by push {latest} after its ack (issue 11: within 2 s).");
    }

    /// <summary>
    /// Every client connects through the proxy, one at a time: first a lurker (a member who will not reconnect), then the
    /// senders; which gateway each reached is read from the gateways' connection counts. The victim gateway is the
    /// lurker's; the proxy spreads connections (least requests: an open WebSocket is a request in flight), so senders are
    /// on both. A sender on the other gateway watches presence.
    /// </summary>
    private static async Task<(string Room, List<FailoverClient> Clients, FailoverClient Lurker, FailoverClient Watcher, int VictimGateway, HashSet<int> OnVictim)> SetUpRoomAsync(LocalCluster cluster)
    {
        List<Uri> address = [cluster.Address];
        var lurker = await FailoverClient.ConnectAsync(address, 0, reconnectWhenClosed: false);
        var counts = await cluster.WaitForConnectionsAsync(c => c.Sum() == 1, "the lurker's connection");
        var victim = Array.IndexOf(counts, 1);
        var clients = new List<FailoverClient>();
        var onVictim = new HashSet<int>();
        for (var i = 0; i < Senders; i++)
        {
            clients.Add(await FailoverClient.ConnectAsync(address, 0));
            var now = await cluster.WaitForConnectionsAsync(c => c.Sum() == i + 2, $"sender {i}'s connection");
            if (now[victim] > counts[victim]) onVictim.Add(i);
            counts = now;
        }
        Assert.True(onVictim.Count is > 0 and < Senders, $"The proxy put {onVictim.Count} of {Senders} senders on the lurker's gateway.");
        var room = (await clients[0].Connection.InvokeAsync<JoinResult>("CreateRoom", $"Failover {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        foreach (var c in clients.Skip(1).Append(lurker)) await c.Connection.InvokeAsync<JoinResult>("JoinRoom", room);
        var watcher = clients[Enumerable.Range(0, Senders).First(i => !onVictim.Contains(i))];
        await watcher.WaitUntil(
            w => w.Changes(room).Any(c => c.Change.Kind == MemberChangeKinds.Joined && c.Change.Member.UserId == lurker.Session.UserId),
            "the watcher to see the lurker join");
        return (room, clients, lurker, watcher, victim, onVictim);
    }

    /// <summary>
    /// Every client still receives pushes after the failures: once all are connected (and their gateway has finished
    /// setting them up), one more message reaches each of them by push. On failure, says what each got.
    /// </summary>
    private async Task AllReceiveByPushAsync(LocalCluster cluster, string room, List<FailoverClient> clients)
    {
        foreach (var client in clients)
        {
            await client.EnsureConnectedAsync();
            await client.Connection.InvokeAsync<UserProfile>("Hello");
        }
        var probe = await clients[^1].SendAsync(room, Probe, "are you all there?", () => Task.CompletedTask);
        try
        {
            foreach (var client in clients)
            {
                await client.WaitUntil(c => c.Pushed(room).Any(p => p.Event.Seq == probe.Seq), $"{client.Session.Name} to receive the last message by push");
            }
        }
        catch (TimeoutException)
        {
            Explain(cluster, room, clients);
            throw;
        }
    }

    /// <summary>After a timeout: what each client got and the notable lines of every process.</summary>
    private void Explain(LocalCluster cluster, string room, List<FailoverClient> clients)
    {
        foreach (var c in clients)
        {
            var pushed = c.Pushed(room);
            output.WriteLine($"{c.Session.Name} on gateway {c.Gateway}: {pushed.Count} pushed, newest {pushed.Select(p => p.Event.Seq).DefaultIfEmpty().Max()}; {c.Acks.Count} acks");
        }
        foreach (var p in cluster.Gateways.Concat(cluster.Silos))
        {
            var notable = p.Output.Split('\n').Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains("Connected silos", StringComparison.Ordinal) || l.Contains("restarted", StringComparison.Ordinal) || l.Contains("activated", StringComparison.Ordinal));
            output.WriteLine($"==== {p.Name}\n{string.Join('\n', notable.TakeLast(40))}");
        }
    }

    private const string Probe = "probe";

    private static async Task AssertGapFreeAsync(string room, List<FailoverClient> clients, int total)
    {
        var acks = new ConcurrentDictionary<string, long>();
        foreach (var c in clients) foreach (var a in c.Acks) acks[a.ClientMsgId] = a.Seq;
        Assert.Equal(total, acks.Count);
        foreach (var client in clients)
        {
            await client.EnsureConnectedAsync();
            var history = await client.HistoryAsync(room);
            // Gap-free over the members' joins (system lines) and the messages; every acknowledged message once.
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
            var messages = history.Where(e => e.Kind == RoomEventKinds.Message).ToList();
            Assert.Equal(total, messages.Count);
            Assert.All(history.Except(messages), e => Assert.Equal(RoomEventKinds.Member, e.Kind));
            var byClientId = messages.ToDictionary(e => e.ClientMsgId);
            foreach (var (id, seq) in acks) Assert.Equal(seq, byClientId[id].Seq);
            foreach (var sender in clients)
            {
                Assert.Equal(
                    Enumerable.Range(0, PerSender).Select(i => $"{sender.Session.UserId}:{i}"),
                    messages.Where(e => e.AuthorId == sender.Session.UserId && e.ClientMsgId != Probe).Select(e => e.Text));
            }
        }
    }

    /// <summary>The proxy's log line saying that gateway <paramref name="index"/> (0-based) failed its health probes.</summary>
    private static Func<string, bool> TakenOut(int index) =>
        line => line.Contains($"destination `gateway{index + 1}`", StringComparison.Ordinal) && line.Contains("'Unhealthy'", StringComparison.Ordinal);

    /// <summary>Per client: from <paramref name="from"/> to the ack of its first send attempted after it (none: no entry).</summary>
    private static List<TimeSpan> FirstAcksAfter(IEnumerable<FailoverClient> clients, DateTimeOffset from) =>
        clients.Select(c => c.Acks.Where(a => a.AttemptStarted > from).Select(a => a.AckedAt - from).DefaultIfEmpty(TimeSpan.MaxValue).Min())
            .Where(t => t != TimeSpan.MaxValue).ToList();

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.0} s";

    private static string Earliest(List<TimeSpan> times) => times.Count == 0 ? "(none in flight)" : Seconds(times.Min());

    private static string Latest(List<TimeSpan> times) => times.Count == 0 ? "(none in flight)" : Seconds(times.Max());

    private static TimeSpan Max0(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    /// <summary>
    /// Waits until the watcher shows the lurker offline; returns since when. (When the lurker's gateway died before it
    /// re-subscribed to the room's new activation, the room already counted the lurker offline, and the watcher's
    /// presence refresh showed it before the gateway was stopped.)
    /// </summary>
    private static async Task<DateTimeOffset> LurkerOfflineAsync(FailoverClient watcher, string room, FailoverClient lurker, string what)
    {
        await watcher.WaitUntil(w => !w.ShowsOnline(room, lurker.Session.UserId).Online, what, TimeSpan.FromSeconds(30));
        return watcher.ShowsOnline(room, lurker.Session.UserId).Since;
    }

    private void Report(params string[] lines)
    {
        foreach (var line in lines) output.WriteLine(line);
        Measurements.Append(lines);
    }

    /// <summary>
    /// Every sender posts <see cref="PerSender"/> messages, each retried until acknowledged; the milestones say when to
    /// strike: a third of all messages acknowledged (the silo), and two thirds of the messages of the senders on the
    /// victim gateway (it dies while they still have a third to send).
    /// </summary>
    private sealed class Traffic(string room, List<FailoverClient> clients, HashSet<int> onVictim, Func<Task> waitForRecovery)
    {
        private readonly TaskCompletionSource _third = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _victims = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _acked;
        private int _ackedOnVictim;

        public Task ThirdAcknowledged => _third.Task;

        public Task TwoThirdsOfVictimsAcknowledged => _victims.Task;

        public Task RunAsync() => Task.WhenAll(clients.Select(SendAllAsync));

        private async Task SendAllAsync(FailoverClient client, int index)
        {
            const int Total = Senders * PerSender;
            for (var i = 0; i < PerSender; i++)
            {
                await client.SendAsync(room, $"{index}-{i}", $"{client.Session.UserId}:{i}", waitForRecovery);
                if (Interlocked.Increment(ref _acked) == Total / 3) _third.TrySetResult();
                if (onVictim.Contains(index) && Interlocked.Increment(ref _ackedOnVictim) == 2 * (onVictim.Count * PerSender) / 3) _victims.TrySetResult();
            }
        }
    }

    private sealed class AsyncDisposables(List<FailoverClient> clients) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    /// <summary>One PostgreSQL server for the class; each test makes its own database.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public PostgresServer Postgres { get; } = new();

        public Task InitializeAsync() => ((IAsyncLifetime)Postgres).InitializeAsync();

        public Task DisposeAsync() => Postgres.DisposeAsync().AsTask();
    }
}
