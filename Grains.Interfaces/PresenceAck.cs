namespace OrleansChat;

/// <summary>
/// A room's answer to a gateway's presence report: the id of the room's current activation (a new one means the room
/// restarted and the gateway should renew its whole subscription) and whether the user is a member (a gateway that
/// believed otherwise forgets the room for that user).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PresenceAck")]
public sealed record PresenceAck(
    [property: Id(0)] Guid ActivationId,
    [property: Id(1)] bool IsMember);
