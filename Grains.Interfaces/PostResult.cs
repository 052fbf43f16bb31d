namespace OrleansChat;

/// <summary>The acknowledgement of a post: its sequence number, given only after the event is durably stored.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PostResult")]
public sealed record PostResult(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] bool Duplicate);
