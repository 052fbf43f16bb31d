namespace OrleansChat;

/// <summary>
/// A member of a room as member lists show it; <see cref="Role"/> is one of <see cref="RoomRoles"/>. <see cref="Avatar"/>
/// is the version of the member's uploaded picture (<c>GET /api/avatars/{userId}?v=</c>), 0 when they have none (the
/// page draws the generated one). <see cref="Online"/> is true while the member has a connection anywhere;
/// <see cref="Away"/> is true when every such connection is away (hidden tab or idle). <see cref="Status"/> is the
/// member's short status text, null when they have none.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.MemberInfo")]
public sealed record MemberInfo(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Online,
    [property: Id(3)] string Role = RoomRoles.Member,
    [property: Id(4)] int Avatar = 0,
    [property: Id(5)] bool Away = false,
    [property: Id(6)] string? Status = null,
    [property: Id(7)] DateTimeOffset? LastActive = null);
