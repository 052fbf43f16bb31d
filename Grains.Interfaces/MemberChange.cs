namespace OrleansChat;

/// <summary>A change of a room's member list: <see cref="MemberChangeKinds"/> says which.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.MemberChange")]
public sealed record MemberChange(
    [property: Id(0)] string Kind,
    [property: Id(1)] MemberInfo Member);
