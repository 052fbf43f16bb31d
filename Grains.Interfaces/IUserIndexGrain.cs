namespace OrleansChat;

/// <summary>
/// One shard of the user-name search index. Key: <see cref="UserNames.IndexShard"/> of the names it holds (the first
/// character of the normalised name), so a prefix search asks exactly one shard.
/// </summary>
[Alias("OrleansChat.IUserIndexGrain")]
public interface IUserIndexGrain : IGrainWithStringKey
{
    [Alias("Set")]
    Task Set(string name, Guid userId);

    [Alias("Remove")]
    Task Remove(string name, Guid userId);

    /// <summary>Users whose normalised name starts with the normalised <paramref name="prefix"/>, by name.</summary>
    [Alias("Search")]
    Task<IReadOnlyList<UserMatch>> Search(string prefix, int limit);
}
