namespace OrleansChat;

/// <summary>The kinds of <see cref="MemberChange"/>.</summary>
public static class MemberChangeKinds
{
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Kicked = "kicked";
    public const string Banned = "banned";
    public const string Online = "online";
    public const string Offline = "offline";
    /// <summary>The member's name or picture changed (<see cref="MemberInfo.Name"/>, <see cref="MemberInfo.Avatar"/>).</summary>
    public const string Profile = "profile";
    public const string RoleChanged = "role";

    /// <summary>True for the changes after which the member no longer belongs to the room.</summary>
    public static bool Removes(string kind) => kind is Left or Kicked or Banned;
}
