namespace OrleansChat;

/// <summary>
/// A refusal by a chat rule. Its message is written for the person who made the request and is safe to show;
/// the gateway passes it on as a hub error.
/// </summary>
[GenerateSerializer, Alias("OrleansChat.ChatException")]
public sealed class ChatException : Exception
{
    public ChatException(string message) : base(message) { }

    public ChatException(string message, Exception innerException) : base(message, innerException) { }

    public ChatException() { }

    /// <summary>
    /// The words of the refusal of a message sent faster than a rate limit. Part of the protocol (docs/protocol.md):
    /// the page recognises them and sends the message again a little later, in order, instead of failing it.
    /// </summary>
    public const string SendingTooFastMessage = "You are sending messages too fast. Please slow down.";

    /// <summary>A message sent faster than a rate limit; the same message succeeds later.</summary>
    public static ChatException SendingTooFast() => new(SendingTooFastMessage);
}
