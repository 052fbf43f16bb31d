using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>One shard of the user-name search index (key: the first character of the normalised names it holds).</summary>
public sealed class UserIndexGrain(
    [PersistentState("userindex", ChatStorage.ProviderName)] IPersistentState<UserIndexState> state) : Grain, IUserIndexGrain
{
    public async Task Set(string name, Guid userId)
    {
        state.State.Names[UserNames.Normalize(name)] = new UserMatch(userId, UserNames.Clean(name));
        await state.WriteStateAsync();
    }

    public async Task Remove(string name, Guid userId)
    {
        var key = UserNames.Normalize(name);
        if (state.State.Names.TryGetValue(key, out var match) && match.UserId == userId && state.State.Names.Remove(key))
            await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<UserMatch>> Search(string prefix, int limit)
    {
        var key = UserNames.Normalize(prefix);
        IReadOnlyList<UserMatch> matches = state.State.Names
            .SkipWhile(n => string.CompareOrdinal(n.Key, key) < 0)
            .TakeWhile(n => n.Key.StartsWith(key, StringComparison.Ordinal))
            .Take(Math.Clamp(limit, 1, ChatLimits.MaxSearchResults))
            .Select(n => n.Value)
            .ToList();
        return Task.FromResult(matches);
    }
}
