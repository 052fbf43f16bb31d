namespace OrleansChat.Grains.Presence;

/// <summary>
/// A member's state in a room (<see cref="RoomPresence"/>): connected on no live gateway, connected with at least one
/// active connection somewhere, or connected with every connection away (hidden tab or idle).
/// </summary>
public enum PresenceState
{
    Offline,
    Online,
    Away,
}
