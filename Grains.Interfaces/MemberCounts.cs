namespace OrleansChat;

/// <summary>A room's member counts: <see cref="Total"/> members, <see cref="Online"/> of them online or away.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.MemberCounts")]
public sealed record MemberCounts(
    [property: Id(0)] int Total,
    [property: Id(1)] int Online);
