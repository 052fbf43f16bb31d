namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The persisted part of a room: what it is. Its events and its members (one row each) live in the event store.
/// </summary>
[GenerateSerializer, Alias("OrleansChat.Grains.RoomState")]
public sealed class RoomState
{
    /// <summary>Null until the room is created.</summary>
    [Id(0)] public string? Name { get; set; }

    [Id(1)] public string Topic { get; set; } = "";

    [Id(2)] public Guid Owner { get; set; }

    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Legacy: the members of a room stored before they became rows of the event store (issue 16). Read only to move
    /// them into rows when such a room activates, after which the room writes its state with this null.
    /// </summary>
    [Id(4)] public Dictionary<Guid, RoomMember>? LegacyMembers { get; set; }

    [Id(5)] public bool IsPublic { get; set; } = true;

    /// <summary>One of <see cref="RoomKinds"/>.</summary>
    [Id(6)] public string Kind { get; set; } = RoomKinds.Room;

    [Id(7)] public HashSet<Guid> Banned { get; set; } = [];

    /// <summary>
    /// In a direct conversation, the member the other one blocked: their posts are refused. Kept here so that the
    /// message path never asks a user grain (<see cref="IRoomGrain.SetBlocked"/> keeps it current).
    /// </summary>
    [Id(10)] public HashSet<Guid> BlockedSenders { get; set; } = [];

    /// <summary>
    /// Since when the room keeps its members' <see cref="RoomMember.LastActive"/>: a member without one has not been seen
    /// active since (<see cref="MemberActivity"/>). Null until the room first activates with this rule.
    /// </summary>
    [Id(11)] public DateTimeOffset? ActivitySince { get; set; }
}
