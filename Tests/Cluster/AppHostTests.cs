using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// The Aspire AppHost as a developer runs it: it starts PostgreSQL (from the local binaries), 3 silos, 2 gateways and the
/// proxy under Aspire's orchestrator, with the Aspire dashboard; two users chat through the proxy's one address; a
/// SIGTERM to the AppHost stops everything it started.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class AppHostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AppHost_StartsTheWholeCluster_TwoUsersChatThroughTheProxy_AndStoppingItStopsEverything()
    {
        // Offsets the AppHost uses (AppHost/Program.cs): silos +11..13 (+21..23, +31..33), gateways +41..42, proxy +40, PostgreSQL +50.
        var portBase = FreePort.Block(11, 12, 13, 21, 22, 23, 31, 32, 33, 40, 41, 42, 50);
        var proxy = new Uri($"http://127.0.0.1:{portBase + 40}/");
        var dashboard = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var data = Path.Combine(Path.GetTempPath(), $"orleanschat-apphost-test-{Guid.NewGuid():N}");
        var watch = Stopwatch.StartNew();
        await using var appHost = await ChatProcess.StartAppHostAsync(dashboard, FreePort.Next(), portBase, data);
        try
        {
            await WaitUntilAnswers(new Uri(proxy, "/health/ready"), "the cluster to be ready behind the proxy", TimeSpan.FromMinutes(3));
            output.WriteLine($"ready through the proxy after {watch.Elapsed.TotalSeconds:0.0} s");

            // The Aspire dashboard serves (its login page: the token is in the AppHost's output).
            using (var http = new HttpClient())
            {
                var page = await http.GetAsync(dashboard);
                Assert.True(page.IsSuccessStatusCode, $"The dashboard answered {page.StatusCode}.");
            }

            List<Uri> address = [proxy];
            await using var alice = await FailoverClient.ConnectAsync(address, 0);
            await using var bob = await FailoverClient.ConnectAsync(address, 0);
            var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Aspire {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
            await bob.Connection.InvokeAsync<JoinResult>("JoinRoom", room);
            var sent = await alice.SendAsync(room, "hello-bob", "hello through Aspire", () => Task.CompletedTask);
            await bob.WaitUntil(b => b.Pushed(room).Any(p => p.Event.Seq == sent.Seq && p.Event.Text == "hello through Aspire"), "Bob to get Alice's message");
            var reply = await bob.SendAsync(room, "hello-alice", "hello back", () => Task.CompletedTask);
            await alice.WaitUntil(a => a.Pushed(room).Any(p => p.Event.Seq == reply.Seq), "Alice to get Bob's reply");
            // Both gateways serve: the proxy put the two users on different ones.
            var counts = await GatewayConnections.WaitAsync(
                () => [new Uri($"http://127.0.0.1:{portBase + 41}"), new Uri($"http://127.0.0.1:{portBase + 42}")], c => c.Sum() == 2, "both connections to be counted");
            Assert.Equal(new[] { 1, 1 }, counts);
            output.WriteLine($"chatted after {watch.Elapsed.TotalSeconds:0.0} s");
        }
        catch
        {
            output.WriteLine(appHost.Output);
            throw;
        }

        // SIGTERM: the AppHost stops every resource it started, then exits.
        var stopped = await appHost.TerminateAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"AppHost stopped in {stopped.TotalSeconds:0.0} s");
        foreach (var port in new[] { portBase + 40, portBase + 41, portBase + 42, portBase + 31, portBase + 50 })
        {
            await WaitUntilRefused(port);
        }
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned eventually.
        }
    }

    /// <summary>Polls every 250 ms until <paramref name="url"/> answers 2xx.</summary>
    private static async Task WaitUntilAnswers(Uri url, string what, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (watch.Elapsed > timeout) throw new TimeoutException($"Timed out waiting for {what}.");
            await pace.WaitForNextTickAsync();
        }
    }

    /// <summary>Polls every 250 ms until nothing listens on <paramref name="port"/> (its process has stopped).</summary>
    private static async Task WaitUntilRefused(int port)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
            }
            catch (SocketException)
            {
                return;
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"Port {port} still answers after the AppHost stopped.");
            await pace.WaitForNextTickAsync();
        }
    }
}
