namespace OrleansChat;

/// <summary>
/// One message of <see cref="IRoomGrain.Post"/>: the sender's message id, the text and, for a reply, the event it
/// replies to (carried as the event's <c>TargetSeq</c>; it must exist, and be an undeleted message if it is recent).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PostRequest")]
public sealed record PostRequest(
    [property: Id(0)] string ClientMsgId,
    [property: Id(1)] string Text,
    [property: Id(2)] long? ReplyTo = null);

/// <summary>What became of one message of <see cref="IRoomGrain.Post"/>: its acknowledgement, or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PostOutcome")]
public sealed record PostOutcome(
    [property: Id(0)] PostResult? Result,
    [property: Id(1)] string? Error);
