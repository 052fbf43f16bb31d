using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Identity;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// One open hub connection of this gateway, as <see cref="ChatHubLifetimeManager"/> keeps it: the SignalR connection,
/// its user and session (from its token only), and what its invocations share — the send lanes and the away throttle,
/// made when first used (most connections never send, and few change their away state often).
/// Kept small on purpose: a gateway holds one per open tab, and in place of SignalR's per-connection item dictionary.
/// </summary>
public sealed class ChatConnection
{
    private SendLanes? _sends;
    private AwayThrottle? _away;

    public ChatConnection(HubConnectionContext hub)
    {
        // The hub's endpoints admit only requests with a valid token (HubAuthentication), whose identity this is.
        var identity = hub.User.Identity as ChatIdentity ?? throw new InvalidOperationException("A hub connection without a chat identity.");
        Hub = hub;
        UserId = identity.UserId;
        SessionId = identity.SessionId;
    }

    public HubConnectionContext Hub { get; }

    public string Id => Hub.ConnectionId;

    public Guid UserId { get; }

    public Guid SessionId { get; }

    /// <summary>The next connection of the same user in <see cref="SessionConnections"/> (its chain per user).</summary>
    internal ChatConnection? NextOfUser { get; set; }

    /// <summary>This connection's send lanes; one per connection even when its first sends arrive at once.</summary>
    public SendLanes Sends(RoomReferences rooms)
    {
        if (_sends is null) Interlocked.CompareExchange(ref _sends, new SendLanes(rooms, UserId), null);
        return _sends!;
    }

    /// <summary>This connection's away throttle, full when first used (as it was when made with the connection).</summary>
    public AwayThrottle Away(TimeProvider time)
    {
        if (_away is null) Interlocked.CompareExchange(ref _away, new AwayThrottle(time), null);
        return _away!;
    }

    public void Abort() => Hub.Abort();
}
