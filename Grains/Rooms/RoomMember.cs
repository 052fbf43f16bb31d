namespace OrleansChat.Grains.Rooms;

/// <summary>A member entry of <see cref="RoomState"/>.</summary>
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
    /// null for members who joined before rooms kept it. Saved with the room's next state write, not on every change.
    /// </summary>
    [Id(5)] public DateTimeOffset? LastActive { get; set; }

    public static RoomMember New(MemberIdentity identity, DateTimeOffset joinedAt, string role = RoomRoles.Member) =>
        new() { Name = identity.Name, Avatar = identity.Avatar, Status = identity.Status, JoinedAt = joinedAt, LastActive = joinedAt, Role = role };
}
