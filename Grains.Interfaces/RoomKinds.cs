namespace OrleansChat;

/// <summary>Kinds of rooms: a named room (public or private) or a direct conversation of two users.</summary>
public static class RoomKinds
{
    public const string Room = "room";
    public const string Direct = "direct";

    /// <summary>A group conversation: a private conversation of up to nine people without a room name (like Slack's group DMs).</summary>
    public const string Group = "group";

    /// <summary>Direct and group conversations: no moderation, no name of their own, listed under Direct messages.</summary>
    public static bool IsConversation(string kind) => kind is Direct or Group;
}
