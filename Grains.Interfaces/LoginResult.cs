namespace OrleansChat;

/// <summary>The answer to a password check: success, or a refusal and how long to wait before the next attempt.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.LoginResult")]
public sealed record LoginResult(
    [property: Id(0)] bool Ok,
    [property: Id(1)] TimeSpan RetryAfter);
