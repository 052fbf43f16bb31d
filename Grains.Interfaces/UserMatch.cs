namespace OrleansChat;

/// <summary>A user found by name.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.UserMatch")]
public sealed record UserMatch(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Name);
