namespace OrleansChat.WebGateway.Hubs;

/// <summary>The names of server-to-client events (docs/protocol.md §3).</summary>
public static class HubEvents
{
    public const string Events = "events";
    public const string Member = "member";
    public const string Room = "room";
    public const string Typing = "typing";
    public const string RoomAdded = "roomAdded";
    public const string Presence = "presence";
}
