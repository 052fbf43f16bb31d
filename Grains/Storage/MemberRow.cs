namespace OrleansChat.Grains.Storage;

/// <summary>
/// One member of one room as the store keeps it (table <c>room_members</c>, primary key room and user): what the room's
/// member list holds of them. Times to the millisecond, as the stores keep them.
/// </summary>
public sealed record MemberRow(
    Guid UserId,
    string Name,
    string Role,
    DateTimeOffset JoinedAt,
    int Avatar,
    string? Status,
    DateTimeOffset? LastActive);
