using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// A gateway asked to stop (SIGTERM) while its clients are connected and keep reconnecting stops within seconds: it
/// refuses new sessions and connections once stopping, closes the hub's connections, then stops its silo (all-in-one)
/// or its Orleans client (client mode) gracefully.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class GatewayStopTests(ClusterFailoverTests.Server server, ITestOutputHelper output) : IClassFixture<ClusterFailoverTests.Server>
{
    private const int Clients = 12;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task AllInOneGateway_StoppedWhileClientsReconnect_ExitsWithinTwoSeconds()
    {
        using var data = new TempDirectory("orleanschat-stop");
        await using var gateway = await ChatProcess.StartAllInOneAsync(data.Path, extra: new Dictionary<string, string>
        {
            ["Chat:Http:SessionsPerWindow"] = "1000000",
        });

        var took = await StopUnderReconnectsAsync(gateway);

        Report($"SIGTERM all-in-one gateway with {Clients} clients reconnecting: exited after {took.TotalSeconds:0.0} s");
        Assert.True(took <= Bound, $"The gateway took {took} to stop.");
    }

    [Fact]
    public async Task ClientModeGateway_StoppedWhileClientsReconnect_ExitsWithinTwoSeconds()
    {
        var database = await server.Postgres.CreateDatabaseAsync("stop_" + Guid.NewGuid().ToString("N")[..12]);
        await using var cluster = await LocalCluster.StartAsync(database, silos: 1, gateways: 1);

        var took = await StopUnderReconnectsAsync(cluster.Gateways[0]);

        Report($"SIGTERM client-mode gateway with {Clients} clients reconnecting: exited after {took.TotalSeconds:0.0} s");
        Assert.True(took <= Bound, $"The gateway took {took} to stop.");
    }

    /// <summary>
    /// Connects the clients, and from then on each one whose connection closes opens a session and connects again at
    /// once, as a browser tab does; stops the gateway while they do and returns how long it took to exit.
    /// </summary>
    private static async Task<TimeSpan> StopUnderReconnectsAsync(ChatProcess gateway)
    {
        using var stop = new CancellationTokenSource();
        var sessions = new List<ChatEndpoints.Session>();
        for (var i = 0; i < Clients; i++) sessions.Add(await ChatEndpoints.NewSessionAsync(gateway.HttpAddress));
        var connected = new List<TaskCompletionSource>();
        var loops = sessions.Select(session =>
        {
            var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connected.Add(first);
            return Task.Run(() => ReconnectLoopAsync(gateway.HttpAddress, session, first, stop.Token));
        }).ToList();
        await Wait.For(Task.WhenAll(connected.Select(c => c.Task)), "every client to be connected");

        var took = await gateway.TerminateAsync(TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return took;
    }

    private static async Task ReconnectLoopAsync(Uri gateway, ChatEndpoints.Session session, TaskCompletionSource first, CancellationToken stop)
    {
        // A refused or unreachable tab tries again every 50 ms (faster than a browser), pressing the stopping gateway.
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var again = await ChatEndpoints.NewSessionAsync(gateway, session.Token).WaitAsync(TimeSpan.FromSeconds(5), stop);
                await using var connection = await ChatEndpoints.ConnectAsync(gateway, again.Token).WaitAsync(TimeSpan.FromSeconds(5), stop);
                var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.Closed += _ =>
                {
                    closed.TrySetResult();
                    return Task.CompletedTask;
                };
                first.TrySetResult();
                await closed.Task.WaitAsync(stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Whatever failed once the test stopped the loops (the stopped gateway refusing a connection that was
                // under way, say) ends the loop: the filter is evaluated when the exception is caught, not when it was
                // thrown, so it must not depend on which of the two came first.
                return;
            }
            catch (Exception)
            {
                try
                {
                    await pace.WaitForNextTickAsync(stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Measurements.Append([line]);
    }
}
