namespace OrleansChat;

/// <summary>The kinds of <see cref="RoomEvent"/>.</summary>
public static class RoomEventKinds
{
    public const string Message = "message";
}
