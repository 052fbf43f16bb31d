namespace OrleansChat;

/// <summary>A user as the user itself sees it; <see cref="Avatar"/> as in <see cref="MemberInfo.Avatar"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Rooms,
    [property: Id(3)] bool HasPassword = false,
    [property: Id(4)] IReadOnlyList<Guid>? Blocked = null,
    [property: Id(5)] bool ReceiptsOff = false,
    [property: Id(6)] int Avatar = 0);
