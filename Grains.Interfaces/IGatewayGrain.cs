namespace OrleansChat;

/// <summary>
/// A gateway's lease on the cluster: the gateway beats every few seconds; when the beats stop for
/// <c>Chat:Rooms:GatewayTimeout</c>, the grain tells every room the gateway had subscribed to (and the system-wide
/// online list) that it is gone, so rooms stop notifying a dead gateway and its users go offline within seconds rather
/// than at the subscription expiry. Key: the gateway id (<c>GatewayIdentity.Id</c>). In memory only.
/// </summary>
[Alias("OrleansChat.IGatewayGrain")]
public interface IGatewayGrain : IGrainWithStringKey
{
    /// <summary>
    /// A beat. <paramref name="rooms"/>: rooms the gateway subscribed to since the last beat (added to what the grain
    /// knows), or all of them when <paramref name="all"/> (replacing it). Returns false when the grain did not know the
    /// gateway (it is new, the grain restarted, or the gateway was declared gone): the gateway then renews everything.
    /// </summary>
    [Alias("Beat")]
    Task<bool> Beat(string[] rooms, bool all);

    /// <summary>The gateway stops gracefully (it unsubscribes its rooms itself).</summary>
    [Alias("Stop")]
    Task Stop();
}
