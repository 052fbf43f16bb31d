namespace OrleansChat;

/// <summary>Roles of room members, from most to least powerful.</summary>
public static class RoomRoles
{
    public const string Owner = "owner";
    public const string Moderator = "moderator";
    public const string Member = "member";

    /// <summary>Higher is more powerful; 0 for an unknown role.</summary>
    public static int Rank(string? role) => role switch
    {
        Owner => 3,
        Moderator => 2,
        Member => 1,
        _ => 0,
    };

    public static bool IsValid(string? role) => Rank(role) > 0;
}
