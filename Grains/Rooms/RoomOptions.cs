namespace OrleansChat.Grains.Rooms;

/// <summary>Settings of the room grains (configuration section <c>Chat:Rooms</c>).</summary>
public sealed class RoomOptions
{
    public const string Section = "Chat:Rooms";

    /// <summary>A gateway that has not renewed its subscription for this long is forgotten; its users go offline.</summary>
    public TimeSpan SubscriptionExpiry { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many times a conflicting append is retried after reloading the room's state from the store.</summary>
    public int MaxAppendAttempts { get; set; } = 3;
}
