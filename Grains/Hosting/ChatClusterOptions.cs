namespace OrleansChat.Grains.Hosting;

/// <summary>How a process finds and joins its Orleans cluster (configuration section <c>Orleans</c>).</summary>
public sealed class ChatClusterOptions
{
    public const string Section = "Orleans";

    /// <summary>Silos and clients with the same cluster id form one cluster (the membership rows are keyed by it).</summary>
    public string ClusterId { get; set; } = "orleanschat";

    /// <summary>Stays the same across deployments of the service: grain state is keyed by it.</summary>
    public string ServiceId { get; set; } = "orleanschat";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (gateways) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address a silo publishes in the membership table (and listens on) in cluster mode.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>How long a grain call may wait for its response before it fails (cluster mode).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
