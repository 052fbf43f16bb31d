namespace OrleansChat;

/// <summary>The kinds of <see cref="MemberChange"/>.</summary>
public static class MemberChangeKinds
{
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Renamed = "renamed";
}
