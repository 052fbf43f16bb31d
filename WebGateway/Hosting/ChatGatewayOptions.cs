namespace OrleansChat.WebGateway.Hosting;

/// <summary>
/// Gateway settings (configuration section <c>Chat</c>); see docs/operations.md. Not Orleans' <c>GatewayOptions</c> (the
/// client's list of silo gateways), hence the prefix.
/// </summary>
public sealed class ChatGatewayOptions
{
    public const string Section = "Chat";

    /// <summary><c>AllInOne</c> (co-hosted silo, the default) or <c>Client</c> (connect to separate silos).</summary>
    public string Mode { get; set; } = "AllInOne";

    /// <summary>Where the all-in-one mode keeps its database and token key.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Base64 key (32+ bytes) that signs identity tokens; every gateway of a cluster needs the same one.</summary>
    public string? TokenKey { get; set; }

    /// <summary>
    /// How often the gateway renews its subscription to every room with local members. Must be well below the rooms'
    /// <c>Chat:Rooms:SubscriptionExpiry</c>, or rooms forget live gateways.
    /// </summary>
    public TimeSpan SubscriptionRenewal { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How soon a room whose renewal failed (its silo died, say) is tried again.</summary>
    public TimeSpan SubscriptionRetry { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a renewal waits for a room's answer before it counts as failed and is retried. Short: after a silo
    /// died, a call sent to it before it was declared dead hangs until the response timeout, while the room has
    /// already restarted elsewhere and waits for this gateway to re-subscribe (and to push what it missed).
    /// </summary>
    public TimeSpan SubscriptionCallTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// After the set of silos changes, every subscription is renewed at once and again after this delay, when rooms
    /// of a lost silo have moved.
    /// </summary>
    public TimeSpan SubscriptionSettle { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the gateway renews its lease on the cluster (<see cref="IGatewayGrain"/>). Must be well below the
    /// silos' <c>Chat:Rooms:GatewayTimeout</c>, or a live gateway is declared gone.
    /// </summary>
    public TimeSpan GatewayBeat { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the gateway holds a room's pushed events that arrived after a gap, waiting for the missing ones, before
    /// it delivers them anyway (<see cref="Presence.PushOrder"/>).
    /// </summary>
    public TimeSpan PushReorderHold { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a page waits without input before it tells the gateway it is away (a hidden tab is away at once). Pages
    /// learn it from <c>Hello</c> (<see cref="UserProfile.AwayAfterSeconds"/>).
    /// </summary>
    public TimeSpan AwayAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Client mode: how long start-up keeps trying to reach a silo before it gives up.</summary>
    public TimeSpan ClusterConnectTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsAllInOne => string.Equals(Mode, "AllInOne", StringComparison.OrdinalIgnoreCase);
}
