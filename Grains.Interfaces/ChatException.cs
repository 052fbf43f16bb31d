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
}
