namespace OrleansChat;

/// <summary>
/// Who a member is as the others in a room see them: their name, the version of their picture (0: none, the page
/// draws the generated avatar) and their status text (null: none). Given to a room when it adds the user, and by <see cref="IRoomGrain.MemberProfileChanged"/>
/// whenever either changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.MemberIdentity")]
public sealed record MemberIdentity(
    [property: Id(0)] string Name,
    [property: Id(1)] int Avatar = 0,
    [property: Id(2)] string? Status = null)
{
    public static MemberIdentity Of(UserProfile profile) => new(profile.Name, profile.Avatar, profile.Status);
}
