using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

/// <summary>
/// <c>/proxy/destinations</c>: each gateway's health as the proxy sees it (active probes, passive failures) and whether
/// it takes new connections now. A rolling restart waits on it before stopping the next gateway. Names and states
/// only: the gateways' addresses are not shown to whoever reaches the proxy.
/// </summary>
internal static class ProxyDestinations
{
    public static IResult Report(IProxyStateLookup proxy)
    {
        var report = new Dictionary<string, object>();
        foreach (var cluster in proxy.GetClusters())
        {
            var available = cluster.DestinationsState?.AvailableDestinations ?? [];
            foreach (var destination in cluster.Destinations.Values)
            {
                report[destination.DestinationId] = new
                {
                    active = destination.Health.Active.ToString(),
                    passive = destination.Health.Passive.ToString(),
                    available = available.Contains(destination),
                    connections = destination.ConcurrentRequestCount,
                };
            }
        }
        return Results.Json(report);
    }
}
