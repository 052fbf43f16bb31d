namespace OrleansChat;

/// <summary>
/// A user as the user itself sees it; <see cref="Avatar"/> and <see cref="Status"/> as in <see cref="MemberInfo"/>.
/// <see cref="AwayAfterSeconds"/> is not the user's: the gateway fills it in its <c>Hello</c> answer with its setting
/// (how long without input a page counts as away, <c>Chat:AwayAfter</c>); 0 in every other answer.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Rooms,
    [property: Id(3)] bool HasPassword = false,
    [property: Id(4)] IReadOnlyList<Guid>? Blocked = null,
    [property: Id(5)] bool ReceiptsOff = false,
    [property: Id(6)] int Avatar = 0,
    [property: Id(7)] string? Status = null,
    [property: Id(8)] int AwayAfterSeconds = 0);
