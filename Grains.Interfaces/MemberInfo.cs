namespace OrleansChat;

/// <summary>A member of a room as member lists show it; <see cref="Role"/> is one of <see cref="RoomRoles"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.MemberInfo")]
public sealed record MemberInfo(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Online,
    [property: Id(3)] string Role = RoomRoles.Member);
