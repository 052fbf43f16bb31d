namespace OrleansChat;

/// <summary>How far a member of a room has read: the highest sequence number they marked read.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ReadReceipt")]
public sealed record ReadReceipt(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] long Seq);
