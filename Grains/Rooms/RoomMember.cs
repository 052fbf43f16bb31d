namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A member of a room as the room holds it in memory (stored as a <see cref="Storage.MemberRow"/>; in old state, an entry
/// of <see cref="RoomState.LegacyMembers"/>).
/// </summary>
[GenerateSerializer, Alias("OrleansChat.Grains.RoomMember")]
public sealed class RoomMember
{
    [Id(0)] public string Name { get; set; } = "";

    [Id(1)] public DateTimeOffset JoinedAt { get; set; }

    /// <summary>One of <see cref="RoomRoles"/>.</summary>
    [Id(2)] public string Role { get; set; } = RoomRoles.Member;

    /// <summary>The version of the member's picture (<see cref="MemberInfo.Avatar"/>), kept up to date by their user grain.</summary>
    [Id(3)] public int Avatar { get; set; }

    /// <summary>The member's status text (<see cref="MemberInfo.Status"/>), kept up to date by their user grain.</summary>
    [Id(4)] public string? Status { get; set; }

    /// <summary>
    /// When the member last came online in the room, went offline, opened it or posted (<see cref="MemberActivity"/>);
    /// null for members who joined before rooms kept it. Saved with the member's next row write or the room's periodic
    /// sweep, not on every change.
    /// </summary>
    [Id(5)] public DateTimeOffset? LastActive { get; set; }

    public Storage.MemberRow ToRow(Guid userId) => new(userId, Name, Role, JoinedAt, Avatar, Status, LastActive);

    public static RoomMember FromRow(Storage.MemberRow row) =>
        new() { Name = row.Name, Role = row.Role, JoinedAt = row.JoinedAt, Avatar = row.Avatar, Status = row.Status, LastActive = row.LastActive };

    public static RoomMember New(MemberIdentity identity, DateTimeOffset joinedAt, string role = RoomRoles.Member) =>
        new() { Name = identity.Name, Avatar = identity.Avatar, Status = identity.Status, JoinedAt = joinedAt, LastActive = joinedAt, Role = role };
}
