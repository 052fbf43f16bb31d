namespace OrleansChat;

/// <summary>Kinds of rooms: a named room (public or private) or a direct conversation of two users.</summary>
public static class RoomKinds
{
    public const string Room = "room";
    public const string Direct = "direct";
}
