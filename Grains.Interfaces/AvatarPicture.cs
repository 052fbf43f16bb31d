namespace OrleansChat;

/// <summary>A user's uploaded picture: a square WebP image and its version (<see cref="MemberInfo.Avatar"/>).</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.AvatarPicture")]
public sealed record AvatarPicture(
    [property: Id(0)] int Version,
    [property: Id(1)] byte[] Bytes);
