namespace OrleansChat.WebGateway.Hosting;

/// <summary>Gateway settings (configuration section <c>Chat</c>); see docs/operations.md.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Chat";

    /// <summary><c>AllInOne</c> (co-hosted silo, the default) or <c>Client</c> (connect to a separate silo).</summary>
    public string Mode { get; set; } = "AllInOne";

    /// <summary>Where the all-in-one mode keeps its database and token key.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Base64 key (32+ bytes) that signs identity tokens; every gateway of a cluster needs the same one.</summary>
    public string? TokenKey { get; set; }

    /// <summary>How often the gateway renews its room subscriptions.</summary>
    public TimeSpan SubscriptionRenewal { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsAllInOne => string.Equals(Mode, "AllInOne", StringComparison.OrdinalIgnoreCase);
}
