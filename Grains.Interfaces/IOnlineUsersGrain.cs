namespace OrleansChat;

/// <summary>
/// Who is online system-wide: the union of what gateways report, forgotten for a gateway that stops renewing.
/// Key: <see cref="Key"/>. Called on connect and disconnect and by the gateways' renewal, never per message.
/// </summary>
[Alias("OrleansChat.IOnlineUsersGrain")]
public interface IOnlineUsersGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("SetOnline")]
    Task SetOnline(string gatewayId, UserMatch user, bool online);

    /// <summary>A gateway's full list of connected users (renewal).</summary>
    [Alias("Renew")]
    Task Renew(string gatewayId, UserMatch[] users);

    [Alias("Remove")]
    Task Remove(string gatewayId);

    /// <summary>The gateways whose lease has not run out: the ones alive, as far as the renewals tell.</summary>
    [Alias("LiveGateways")]
    Task<string[]> LiveGateways();

    [Alias("List")]
    Task<IReadOnlyList<UserMatch>> List(int limit);
}
