namespace OrleansChat;

/// <summary>Roles of room members, from most to least powerful.</summary>
public static class RoomRoles
{
    /// <summary>
    /// A site administrator (configured, <c>Chat:Admins</c>): not a member's role, but the rank an administrator
    /// moderates with in every room, above the owner.
    /// </summary>
    public const string Admin = "admin";
    public const string Owner = "owner";
    public const string Moderator = "moderator";
    public const string Member = "member";

    /// <summary>Higher is more powerful; 0 for an unknown role.</summary>
    public static int Rank(string? role) => role switch
    {
        Admin => 4,
        Owner => 3,
        Moderator => 2,
        Member => 1,
        _ => 0,
    };
}
