namespace OrleansChat;

/// <summary>The kinds of <see cref="MemberChange"/>.</summary>
public static class MemberChangeKinds
{
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Kicked = "kicked";
    public const string Banned = "banned";
    /// <summary>The member has an active connection again (or for the first time): online and not away.</summary>
    public const string Online = "online";
    /// <summary>Every connection of the member is away (<see cref="MemberInfo.Away"/>); they are still online.</summary>
    public const string Away = "away";
    public const string Offline = "offline";
    /// <summary>
    /// The member's name, picture or status text changed (<see cref="MemberInfo.Name"/>, <see cref="MemberInfo.Avatar"/>,
    /// <see cref="MemberInfo.Status"/>).
    /// </summary>
    public const string Profile = "profile";
    public const string RoleChanged = "role";

    /// <summary>True for the changes after which the member no longer belongs to the room.</summary>
    public static bool Removes(string kind) => kind is Left or Kicked or Banned;
}
