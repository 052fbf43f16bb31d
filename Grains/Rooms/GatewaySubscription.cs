namespace OrleansChat.Grains.Rooms;

/// <summary>A gateway that receives a room's notifications, and which members it has connected.</summary>
internal sealed class GatewaySubscription(IRoomObserver observer, DateTimeOffset renewedAt)
{
    public IRoomObserver Observer { get; set; } = observer;

    public DateTimeOffset RenewedAt { get; set; } = renewedAt;

    public HashSet<Guid> OnlineUsers { get; } = [];
}
