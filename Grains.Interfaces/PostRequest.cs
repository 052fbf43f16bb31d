namespace OrleansChat;

/// <summary>
/// One message of <see cref="IRoomGrain.Post"/>: the sender's message id, the text, for a reply the event it replies to
/// (carried as the event's <c>TargetSeq</c>; it must exist, and be an undeleted message if it is recent), and for a
/// shared file the file the gateway stored (after <see cref="IRoomGrain.AuthorizeUpload"/>; then the text may be empty).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PostRequest")]
public sealed record PostRequest(
    [property: Id(0)] string ClientMsgId,
    [property: Id(1)] string Text,
    [property: Id(2)] long? ReplyTo = null,
    [property: Id(3)] FileAttachment? File = null);

/// <summary>What became of one message of <see cref="IRoomGrain.Post"/>: its acknowledgement, or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PostOutcome")]
public sealed record PostOutcome(
    [property: Id(0)] PostResult? Result,
    [property: Id(1)] string? Error)
{
    /// <summary>The acknowledgement, or the refusal as the <see cref="ChatException"/> a single post answers with.</summary>
    public PostResult Acknowledged() => Result ?? throw new ChatException(Error ?? "The message was not stored.");
}
