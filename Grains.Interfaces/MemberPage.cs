namespace OrleansChat;

/// <summary>
/// A page of a room's member list (<see cref="IRoomGrain.GetMembers"/>), in the list's order, with the room's counts:
/// <see cref="Total"/> members, <see cref="Online"/> of them online or away. <see cref="Next"/> is the opaque position to
/// ask for the following page with, null when the list (or the filtered list) ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.MemberPage")]
public sealed record MemberPage(
    [property: Id(0)] IReadOnlyList<MemberInfo> Members,
    [property: Id(1)] string? Next,
    [property: Id(2)] int Total,
    [property: Id(3)] int Online);
