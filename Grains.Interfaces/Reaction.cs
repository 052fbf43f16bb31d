namespace OrleansChat;

/// <summary>One emoji on a message and the users who reacted with it, in the order they did.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.Reaction")]
public sealed record Reaction(
    [property: Id(0)] string Emoji,
    [property: Id(1)] IReadOnlyList<Guid> Users);
