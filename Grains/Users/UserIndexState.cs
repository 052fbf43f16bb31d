namespace OrleansChat.Grains.Users;

/// <summary>
/// Legacy: one shard of the name index as releases before name rows (issue 16) stored it, normalised name → (user, name
/// as written). Read only to move the names into rows of <see cref="Storage.IUserNameIndexStore"/> when such a shard
/// activates, after which the shard clears it (<see cref="UserIndexGrain"/>).
/// </summary>
[GenerateSerializer, Alias("OrleansChat.Grains.UserIndexState")]
public sealed class UserIndexState
{
    [Id(0)] public SortedDictionary<string, UserMatch> Names { get; set; } = new(StringComparer.Ordinal);
}
