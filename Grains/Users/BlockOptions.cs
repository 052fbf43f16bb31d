namespace OrleansChat.Grains.Users;

/// <summary>Bounds of blocking (configuration section <c>Chat:Blocking</c>); see docs/operations.md.</summary>
public sealed class BlockOptions
{
    public const string Section = "Chat:Blocking";

    /// <summary>How many users one user may have blocked at once.</summary>
    public int MaxBlockedUsers { get; set; } = 1000;
}
