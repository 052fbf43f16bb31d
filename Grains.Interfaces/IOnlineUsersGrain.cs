namespace OrleansChat;

/// <summary>
/// Who is online system-wide: the union of what gateways report, forgotten for a gateway that stops renewing.
/// Key: <see cref="Key"/>. Called on connect and disconnect and by the gateways' renewal, never per message.
/// </summary>
[Alias("OrleansChat.IOnlineUsersGrain")]
public interface IOnlineUsersGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>
    /// The gateway's first connection of <paramref name="user"/> opened (or its last closed), as of the gateway's
    /// <paramref name="version"/>: a report older than what the list already has from that gateway is ignored.
    /// </summary>
    [Alias("SetOnline")]
    Task SetOnline(string gatewayId, UserMatch user, bool online, long version);

    /// <summary>A gateway's full list of connected users (renewal) as of its <paramref name="version"/>.</summary>
    [Alias("Renew")]
    Task Renew(string gatewayId, UserMatch[] users, long version);

    [Alias("Remove")]
    Task Remove(string gatewayId);

    /// <summary>The gateways whose lease has not run out: the ones alive, as far as the renewals tell.</summary>
    [Alias("LiveGateways")]
    Task<string[]> LiveGateways();

    [Alias("List")]
    Task<IReadOnlyList<UserMatch>> List(int limit);
}
