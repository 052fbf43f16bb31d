using System.Diagnostics;
using System.Globalization;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// Which gateway holds how many SignalR connections, read from each gateway's Prometheus metric
/// <c>chat_gateway_connections</c>: how a test behind the proxy learns where the proxy put its clients.
/// </summary>
public static class GatewayConnections
{
    private const string Metric = "chat_gateway_connections";

    /// <summary>Connections per gateway, in the order given; a null address (a stopped gateway) counts 0.</summary>
    public static async Task<int[]> ReadAsync(IReadOnlyList<Uri?> gateways)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var counts = new int[gateways.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            if (gateways[i] is not { } gateway) continue;
            var metrics = await http.GetStringAsync(new Uri(gateway, "/metrics"));
            var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(Metric, StringComparison.Ordinal) && l.Length > Metric.Length && l[Metric.Length] is ' ' or '{');
            if (line is null) continue; // no connection yet
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            counts[i] = (int)double.Parse(value, CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>
    /// Reads the counts (the metrics scrape is cached for a moment, so every 100 ms) until <paramref name="condition"/>
    /// holds; returns them.
    /// </summary>
    public static async Task<int[]> WaitAsync(Func<IReadOnlyList<Uri?>> gateways, Func<int[], bool> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var counts = await ReadAsync(gateways());
            if (condition(counts)) return counts;
            if (watch.Elapsed > (timeout ?? Wait.Timeout))
            {
                throw new TimeoutException($"Timed out waiting for {what}; connections per gateway: {string.Join(", ", counts)}.");
            }
            await pace.WaitForNextTickAsync();
        }
    }
}
