using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// scripts/cluster.sh as a person uses it: start brings up PostgreSQL, 3 silos and 2 gateways; two users on different
/// gateways chat and see each other online; status reports everything ready; stop leaves nothing running.
/// It runs the test build (no second build) on ports of its own.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ClusterScriptTests
{
    [Fact]
    public async Task StartChatStatusStop_TwoUsersOnDifferentGatewaysChat_AndStopLeavesNothingRunning()
    {
        using var state = new TempDirectory("orleanschat-clusterscript");
        var ports = PortBlock();
        var environment = new Dictionary<string, string>
        {
            ["CLUSTER_STATE"] = state.Path,
            ["CLUSTER_SKIP_BUILD"] = "1",
            ["CLUSTER_CONFIGURATION"] = BuildConfiguration,
            ["PG_PORT"] = (ports + 41).ToString(),
            ["CLUSTER_SILO_PORT"] = ports.ToString(),
            ["CLUSTER_GATEWAY_PORT"] = (ports + 10).ToString(),
            ["CLUSTER_SILO_HTTP"] = (ports + 20).ToString(),
            ["CLUSTER_HTTP"] = (ports + 30).ToString(),
        };
        var pidFiles = Path.Combine(state.Path, "pids");
        try
        {
            var start = await RunAsync("start", environment);
            Assert.True(start.ExitCode == 0, start.Output);
            var gateways = new List<Uri> { new($"http://127.0.0.1:{ports + 31}"), new($"http://127.0.0.1:{ports + 32}") };
            foreach (var gateway in gateways) Assert.Contains(gateway.ToString(), start.Output);
            var pids = Directory.GetFiles(pidFiles, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim())).ToList();
            Assert.Equal(5, pids.Count);

            await using (var alice = await FailoverClient.ConnectAsync(gateways, 0))
            await using (var bob = await FailoverClient.ConnectAsync(gateways, 1))
            {
                var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Script {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
                await bob.Connection.InvokeAsync<JoinResult>("JoinRoom", room);
                var sent = await alice.SendAsync(room, "hello-bob", "hello from gateway 1", () => Task.CompletedTask);
                await bob.WaitUntil(b => b.Pushed(room).Any(p => p.Event.Seq == sent.Seq && p.Event.Text == "hello from gateway 1"), "Bob to get Alice's message");
                var reply = await bob.SendAsync(room, "hello-alice", "hello from gateway 2", () => Task.CompletedTask);
                await alice.WaitUntil(a => a.Pushed(room).Any(p => p.Event.Seq == reply.Seq), "Alice to get Bob's reply");
                await alice.WaitUntil(a => a.ShowsOnline(room, bob.Session.UserId).Online, "Alice to see Bob online");
                var members = await bob.Connection.InvokeAsync<List<MemberInfo>>("Members", room);
                Assert.True(members.Single(m => m.UserId == alice.Session.UserId).Online);
            }

            var status = await RunAsync("status", environment);
            Assert.Equal(5, status.Output.Split('\n').Count(l => l.Contains("running, ready", StringComparison.Ordinal)));

            var stop = await RunAsync("stop", environment);
            Assert.True(stop.ExitCode == 0, stop.Output);
            Assert.Empty(Directory.GetFiles(pidFiles));
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"Process {pid} still runs after stop."));
            Assert.Contains("stopped PostgreSQL", stop.Output);
        }
        finally
        {
            // Whatever happened above: stop what the script started (a no-op after a successful stop).
            await RunAsync("stop", environment);
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

    /// <summary>A block of 50 ports below the ephemeral range, all free now: base+1..3, +11..13, +21..23, +31..32, +41.</summary>
    private static int PortBlock()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var block = 20000 + Random.Shared.Next(0, 1200) * 10;
            int[] offsets = [1, 2, 3, 11, 12, 13, 21, 22, 23, 31, 32, 41];
            if (offsets.All(o => IsFree(block + o))) return block;
        }
        throw new InvalidOperationException("No free block of ports was found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, Dictionary<string, string> environment)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "OrleansChat.sln"))) root = root.Parent!;
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(root.FullName, "scripts", "cluster.sh"));
        info.ArgumentList.Add(command);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        return (process.ExitCode, await output + await errors);
    }
}
