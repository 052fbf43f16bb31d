namespace OrleansChat;

/// <summary>
/// How much of a room a user wants to be told about (hub <c>SetNotify</c>): every message, only direct messages and
/// mentions of the user (their name, or <c>@here</c>), or nothing at all (no badge count, no notification). Kept per
/// user and room in the user's grain, so it follows the user to every device.
/// </summary>
public static class NotifyLevels
{
    public const string All = "all";
    public const string Mentions = "mentions";
    public const string Nothing = "nothing";

    public static bool IsValid(string? level) => level is All or Mentions or Nothing;

    /// <summary>Until the user chooses: every message of a direct conversation, mentions in a room.</summary>
    public static string Default(string roomId) => RoomIds.IsConversation(roomId) ? All : Mentions;
}
