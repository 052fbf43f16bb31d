using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// scripts/cluster.sh as a person uses it: start brings up PostgreSQL, 3 silos, 2 gateways and the proxy; two users who
/// both open the one address land on different gateways, chat and see each other online; status reports everything
/// ready; stop leaves nothing running. And rolling-restart, under chat traffic: every silo and gateway replaced in turn,
/// nothing acknowledged lost or doubled. It runs the test build (no second build) on ports of its own.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ClusterScriptTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartChatStatusStop_TwoUsersOnDifferentGatewaysChat_AndStopLeavesNothingRunning()
    {
        await using var script = new Script();
        var start = await script.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.Output);
        Assert.Contains($"open {script.Proxy}", start.Output);
        var pids = Directory.GetFiles(script.PidFiles, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim())).ToList();
        Assert.Equal(6, pids.Count);

        List<Uri> address = [script.Proxy];
        await using (var alice = await FailoverClient.ConnectAsync(address, 0))
        await using (var bob = await FailoverClient.ConnectAsync(address, 0))
        {
            // The proxy spreads connections: one WebSocket on each gateway.
            var counts = await script.WaitForConnectionsAsync(c => c.Sum() == 2, "both connections to be counted");
            Assert.Equal(new[] { 1, 1 }, counts);
            var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Script {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
            await bob.Connection.InvokeAsync<JoinResult>("JoinRoom", room);
            var sent = await alice.SendAsync(room, "hello-bob", "hello from gateway 1", () => Task.CompletedTask);
            await bob.WaitUntil(b => b.Pushed(room).Any(p => p.Event.Seq == sent.Seq && p.Event.Text == "hello from gateway 1"), "Bob to get Alice's message");
            var reply = await bob.SendAsync(room, "hello-alice", "hello from gateway 2", () => Task.CompletedTask);
            await alice.WaitUntil(a => a.Pushed(room).Any(p => p.Event.Seq == reply.Seq), "Alice to get Bob's reply");
            await alice.WaitUntil(a => a.ShowsOnline(room, bob.Session.UserId).Online, "Alice to see Bob online");
            var members = await bob.Connection.AllMembersAsync(room);
            Assert.True(members.Single(m => m.UserId == alice.Session.UserId).Online);
        }

        var status = await script.RunAsync("status");
        Assert.Equal(6, status.Output.Split('\n').Count(l => l.Contains("running, ready", StringComparison.Ordinal)));

        var stop = await script.RunAsync("stop");
        Assert.True(stop.ExitCode == 0, stop.Output);
        Assert.Empty(Directory.GetFiles(script.PidFiles));
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"Process {pid} still runs after stop."));
        Assert.Contains("stopped PostgreSQL", stop.Output);
    }

    [Fact]
    public async Task RollingRestart_UnderTraffic_EveryProcessReplaced_NothingAcknowledgedLostOrDoubled_OrderKept()
    {
        await using var script = new Script();
        var start = await script.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.Output);
        var before = Directory.GetFiles(script.PidFiles, "*.pid").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => File.ReadAllText(f).Trim());

        List<Uri> address = [script.Proxy];
        var clients = new List<FailoverClient>();
        for (var i = 0; i < RollingSenders; i++) clients.Add(await FailoverClient.ConnectAsync(address, 0));
        await using var disposeClients = new Disposables(clients);
        // Two rooms, each with two senders on different gateways (the proxy alternates) and everyone as a member.
        var rooms = new List<string>();
        for (var r = 0; r < 2; r++) rooms.Add((await clients[r].Connection.InvokeAsync<JoinResult>("CreateRoom", $"Rolling {r} {Guid.NewGuid().ToString("N")[..8]}")).Room.Id);
        foreach (var client in clients) foreach (var room in rooms) await client.Connection.InvokeAsync<JoinResult>("JoinRoom", room);

        using var stopSending = new CancellationTokenSource();
        var senders = clients.Select((client, i) => SendUntilStoppedAsync(client, rooms[i % 2], i, stopSending.Token)).ToList();
        await Wait.For(Task.WhenAll(senders.Select(s => s.FirstAck)), "every sender's first acknowledged message");
        var rolling = await script.RunAsync("rolling-restart");
        await stopSending.CancelAsync();
        var sent = await Task.WhenAll(senders.Select(s => s.Done));
        Assert.True(rolling.ExitCode == 0, rolling.Output);

        // Every process was replaced: a new pid for each silo and gateway (the proxy and PostgreSQL stay).
        var after = Directory.GetFiles(script.PidFiles, "*.pid").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => File.ReadAllText(f).Trim());
        foreach (var name in before.Keys.Where(n => n != "proxy")) Assert.NotEqual(before[name], after[name]);
        Assert.Equal(before["proxy"], after["proxy"]);
        // The restarted processes' earlier logs are kept (appended to).
        Assert.Equal(2, File.ReadAllText(Path.Combine(script.State, "logs", "silo2.log")).Split("==== cluster.sh: starting silo2").Length - 1);

        foreach (var client in clients) await client.EnsureConnectedAsync();
        for (var r = 0; r < rooms.Count; r++)
        {
            var history = await clients[r].HistoryAsync(rooms[r]);
            var messages = history.Where(e => e.Kind == RoomEventKinds.Message).ToList();
            // Numbers gap-free, each message once.
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
            Assert.Equal(messages.Count, messages.Select(e => e.ClientMsgId).Distinct().Count());
            foreach (var (client, index) in clients.Select((c, i) => (c, i)).Where(p => p.i % 2 == r))
            {
                var acked = client.Acks.Where(a => a.ClientMsgId.StartsWith($"{index}-", StringComparison.Ordinal)).ToList();
                Assert.Equal(sent[index], acked.Count);
                var mine = messages.Where(e => e.AuthorId == client.Session.UserId).ToList();
                // Every acknowledged message stored under its number; the sender's messages in the order sent.
                var bySeq = mine.ToDictionary(e => e.ClientMsgId, e => e.Seq);
                foreach (var ack in acked) Assert.Equal(ack.Seq, bySeq[ack.ClientMsgId]);
                Assert.Equal(Enumerable.Range(0, sent[index]).Select(i => $"{index}-{i}"), mine.Select(e => e.ClientMsgId));
            }
        }

        var longest = senders.Max(s => s.LongestWait);
        var worst = senders.First(s => s.LongestWait == longest);
        output.WriteLine(rolling.Output);
        output.WriteLine($"the longest wait started at {worst.LongestWaitFrom:HH:mm:ss.f} (UTC)");
        foreach (var l in File.ReadAllLines(Path.Combine(script.State, "logs", "proxy.log")).Where(l => l.Contains("health state", StringComparison.Ordinal)))
        {
            using var entry = System.Text.Json.JsonDocument.Parse(l);
            output.WriteLine($"proxy: {entry.RootElement.GetProperty("Timestamp").GetString()} {entry.RootElement.GetProperty("Message").GetString()}");
        }
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            foreach (var (started, failed, error) in client.ConnectFailures) output.WriteLine($"sender {i}: connect {started:HH:mm:ss.f}-{failed:HH:mm:ss.f} failed: {error}");
        }
        var line = $"rolling restart (3 silos, 2 gateways, behind the proxy) under traffic of {RollingSenders} senders in 2 rooms: took " +
            $"{rolling.Took.TotalSeconds:0.0} s, {sent.Sum()} messages acknowledged, longest wait for an ack {longest.TotalSeconds:0.0} s; nothing lost or doubled";
        output.WriteLine(line);
        Measurements.Append([line]);
    }

    private const int RollingSenders = 4;

    /// <summary>
    /// Starts a sender that posts its next message as soon as the last is acknowledged (at most one every 250 ms, below
    /// the room's default rate limit), each retried with its client message id until acknowledged.
    /// </summary>
    private static Sender SendUntilStoppedAsync(FailoverClient client, string room, int index, CancellationToken stop)
    {
        var sender = new Sender();
        sender.Done = sender.RunAsync(client, room, index, stop);
        return sender;
    }

    /// <summary>One sender's loop: how many it sent, and the longest any message waited from its first attempt to its ack.</summary>
    private sealed class Sender
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstAck => _first.Task;

        public Task<int> Done { get; set; } = Task.FromResult(0);

        public TimeSpan LongestWait { get; private set; }

        /// <summary>When the message that waited longest was first sent (to place it in the script's timeline).</summary>
        public DateTimeOffset LongestWaitFrom { get; private set; }

        public async Task<int> RunAsync(FailoverClient client, string room, int index, CancellationToken stop)
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            var sent = 0;
            while (!stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                var from = DateTimeOffset.UtcNow;
                await client.SendAsync(room, $"{index}-{sent}", $"message {sent} of sender {index}", async () => await pace.WaitForNextTickAsync());
                if (watch.Elapsed > LongestWait) (LongestWait, LongestWaitFrom) = (watch.Elapsed, from);
                sent++;
                _first.TrySetResult();
                await pace.WaitForNextTickAsync();
            }
            return sent;
        }
    }

    private sealed class Disposables(List<FailoverClient> clients) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    /// <summary>
    /// scripts/cluster.sh on a state directory and a block of ports of its own; on dispose, whatever happened, it stops
    /// what the script started (a no-op after a successful stop).
    /// </summary>
    private sealed class Script : IAsyncDisposable
    {
        private readonly TempDirectory _state = new("orleanschat-clusterscript");
        private readonly Dictionary<string, string> _environment;
        // base+1..3, +11..13, +21..23, +30..32, +41.
        private readonly int _ports = FreePort.Block(1, 2, 3, 11, 12, 13, 21, 22, 23, 30, 31, 32, 41);

        public Script()
        {
            _environment = new Dictionary<string, string>
            {
                ["CLUSTER_STATE"] = _state.Path,
                ["CLUSTER_SKIP_BUILD"] = "1",
                ["CLUSTER_CONFIGURATION"] = BuildConfiguration,
                ["PG_PORT"] = (_ports + 41).ToString(),
                ["CLUSTER_SILO_PORT"] = _ports.ToString(),
                ["CLUSTER_GATEWAY_PORT"] = (_ports + 10).ToString(),
                ["CLUSTER_SILO_HTTP"] = (_ports + 20).ToString(),
                ["CLUSTER_HTTP"] = (_ports + 30).ToString(),
            };
        }

        public string State => _state.Path;

        public string PidFiles => System.IO.Path.Combine(_state.Path, "pids");

        /// <summary>The one address: the proxy.</summary>
        public Uri Proxy => new($"http://127.0.0.1:{_ports + 30}/");

        /// <summary>Waits until <paramref name="condition"/> holds for the connections on gateway 1 and 2.</summary>
        public Task<int[]> WaitForConnectionsAsync(Func<int[], bool> condition, string what) =>
            GatewayConnections.WaitAsync(() => [new Uri($"http://127.0.0.1:{_ports + 31}"), new Uri($"http://127.0.0.1:{_ports + 32}")], condition, what);

        public async Task<(int ExitCode, string Output, TimeSpan Took)> RunAsync(string command)
        {
            var info = new ProcessStartInfo("bash") { WorkingDirectory = Repository.Root };
            info.ArgumentList.Add(System.IO.Path.Combine(Repository.Root, "scripts", "cluster.sh"));
            info.ArgumentList.Add(command);
            foreach (var (key, value) in _environment) info.Environment[key] = value;
            var watch = Stopwatch.StartNew();
            var (exitCode, output) = await Repository.RunToExitAsync(info, TimeSpan.FromMinutes(4));
            return (exitCode, output, watch.Elapsed);
        }

        public async ValueTask DisposeAsync()
        {
            await RunAsync("stop");
            _state.Dispose();
        }
    }

    private static string BuildConfiguration =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
