namespace OrleansChat;

/// <summary>One message of <see cref="IRoomGrain.PostMany"/>: the sender's message id and the text.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PostRequest")]
public sealed record PostRequest(
    [property: Id(0)] string ClientMsgId,
    [property: Id(1)] string Text);

/// <summary>What became of one message of <see cref="IRoomGrain.PostMany"/>: its acknowledgement, or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PostOutcome")]
public sealed record PostOutcome(
    [property: Id(0)] PostResult? Result,
    [property: Id(1)] string? Error);
