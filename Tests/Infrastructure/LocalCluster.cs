using System.Security.Cryptography;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A real cluster for process-level tests: silo and gateway processes (the built programs, <see cref="ChatProcess"/>)
/// on one PostgreSQL database, all on 127.0.0.1 with ports of their own, and optionally the reverse proxy in front of the
/// gateways (the one address clients use). Every process is killed on dispose.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<ChatProcess> _processes = [];

    private LocalCluster(string connectionString, string clusterId)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public List<ChatProcess> Silos { get; } = [];

    public List<ChatProcess> Gateways { get; } = [];

    /// <summary>The YARP proxy in front of the gateways, when the cluster was started with one.</summary>
    public ChatProcess? Proxy { get; private set; }

    /// <summary>The address clients use: the proxy's.</summary>
    public Uri Address => (Proxy ?? throw new InvalidOperationException("The cluster has no proxy.")).HttpAddress;

    private string TokenKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts the silos (all at once, then waits for each), then the gateways.</summary>
    public static async Task<LocalCluster> StartAsync(
        string connectionString, int silos, int gateways,
        IReadOnlyDictionary<string, string>? siloSettings = null, IReadOnlyDictionary<string, string>? gatewaySettings = null,
        bool proxy = false)
    {
        var cluster = new LocalCluster(connectionString, "test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            cluster.Silos.AddRange(await Task.WhenAll(Enumerable.Range(1, silos).Select(i => cluster.StartSiloAsync($"silo{i}", siloSettings))));
            cluster.Gateways.AddRange(await Task.WhenAll(Enumerable.Range(1, gateways).Select(i => cluster.StartGatewayAsync($"gateway{i}", gatewaySettings))));
            if (proxy) cluster.Proxy = cluster.Track(await ChatProcess.StartProxyAsync([.. cluster.Gateways.Select(g => g.HttpAddress)]));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task<ChatProcess> StartSiloAsync(string name, IReadOnlyDictionary<string, string>? extra)
    {
        // The silo's Orleans ports are chosen here: if one was taken before the silo bound it, choose them again.
        for (var attempt = 1; ; attempt++)
        {
            var settings = Common();
            settings["Orleans:SiloPort"] = FreePort.Next().ToString();
            settings["Orleans:GatewayPort"] = FreePort.Next().ToString();
            foreach (var (k, v) in extra ?? new Dictionary<string, string>()) settings[k] = v;
            try
            {
                return Track(await ChatProcess.StartSiloAsync(name, settings));
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ChatProcess.IsPortTaken(ex))
            {
                // Another attempt, with other ports.
            }
        }
    }

    private async Task<ChatProcess> StartGatewayAsync(string name, IReadOnlyDictionary<string, string>? extra)
    {
        var settings = Common();
        settings["Chat:Mode"] = "Client";
        settings["Chat:TokenKey"] = TokenKey;
        settings["Chat:Http:SessionsPerWindow"] = "1000000";
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) settings[k] = v;
        return Track(await ChatProcess.StartGatewayAsync(name, settings));
    }

    // The failover tests send as fast as they can: the send rate limit (a room rule, in the silos) has tests of its own.
    private Dictionary<string, string> Common() => new()
    {
        ["Chat:Rooms:SendBurst"] = "100000",
        ["Chat:Users:SendBurst"] = "100000",
        ["Chat:Storage:Provider"] = "Postgres",
        ["ConnectionStrings:Chat"] = ConnectionString,
        ["Orleans:ClusterId"] = ClusterId,
    };

    private ChatProcess Track(ChatProcess process)
    {
        lock (_processes) _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the open SignalR connections per gateway (same order as
    /// <see cref="Gateways"/>; an exited one counts 0); returns them.
    /// </summary>
    public Task<int[]> WaitForConnectionsAsync(Func<int[], bool> condition, string what, TimeSpan? timeout = null) =>
        GatewayConnections.WaitAsync(() => [.. Gateways.Select(g => g.HasExited ? null : g.HttpAddress)], condition, what, timeout);

    /// <summary>The silo on which <paramref name="roomId"/> was activated last (by its log line).</summary>
    public async Task<ChatProcess> SiloOfRoomAsync(string roomId)
    {
        var live = Silos.Where(s => !s.HasExited).ToList();
        var seen = live.Select(s => s.WaitForLine(RoomActivated(roomId))).ToList();
        var first = await Wait.For(Task.WhenAny(seen), $"room {roomId} to be activated");
        return live[seen.IndexOf(first)];
    }

    public static Func<string, bool> RoomActivated(string roomId) =>
        line => line.Contains($"Room {roomId} activated", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        List<ChatProcess> all;
        lock (_processes) all = [.. _processes];
        // Gateways first, then silos: a process whose peers are gone is killed all the same, but this order is the one
        // a real shutdown uses.
        foreach (var process in all.OrderBy(p => p.Name.StartsWith("silo", StringComparison.Ordinal)))
        {
            await process.DisposeAsync();
        }
    }
}
