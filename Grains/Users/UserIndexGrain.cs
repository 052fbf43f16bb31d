using System.Text;
using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// One shard of the user-name search index (key: the first character of the normalised names it holds). The names are
/// rows of the store (<see cref="IUserNameIndexStore"/>, one per name), so creating or renaming a user writes one row
/// whatever the number of users; the shard keeps no state of its own. Its grain state is only read for the names an
/// older release kept there (<see cref="UserIndexState"/>), which the shard moves into rows when it activates.
/// </summary>
public sealed class UserIndexGrain(
    [PersistentState("userindex", ChatStorage.ProviderName)] IPersistentState<UserIndexState> legacy,
    IUserNameIndexStore store,
    ILogger<UserIndexGrain> logger) : Grain, IUserIndexGrain
{
    /// <summary>Legacy names are moved into rows this many per transaction, so that no write is unbounded.</summary>
    internal const int NamesPerWrite = 5000;

    /// <summary>
    /// Moves the names of the old state into rows (upserts, so a move interrupted before the state was cleared is simply
    /// done again), then clears the state: once per shard, and nothing at all for a shard that never had names there.
    /// No call reaches the shard before this finishes, so none can be overwritten by it.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var names = legacy.State.Names;
        if (names.Count == 0) return;
        foreach (var chunk in names.Chunk(NamesPerWrite))
            await store.UpsertAsync([.. chunk.Select(n => new UserNameRow(n.Key, n.Value.UserId, n.Value.Name))], cancellationToken);
        logger.LogInformation("User index shard {Shard} moved {Count} names from its state into rows", this.GetPrimaryKeyString(), names.Count);
        await legacy.ClearStateAsync(cancellationToken);
    }

    public Task Set(string name, Guid userId) =>
        store.UpsertAsync([new UserNameRow(UserNames.Normalize(name), userId, UserNames.Clean(name))]);

    public Task Remove(string name, Guid userId) => store.RemoveAsync(UserNames.Normalize(name), userId);

    public async Task<IReadOnlyList<UserMatch>> Search(string prefix, int limit)
    {
        var key = UserNames.Normalize(prefix);
        if (!CanStartAName(key)) return [];
        var rows = await store.SearchAsync(key, Math.Clamp(limit, 1, ChatLimits.MaxSearchResults));
        return [.. rows.Select(r => new UserMatch(r.UserId, r.Name))];
    }

    // NUL and broken UTF-16 (a lone surrogate) are in no name, and PostgreSQL refuses them as text: such a prefix
    // matches nothing, without asking the store. (EnumerateRunes reads a lone surrogate as U+FFFD, in no name either.)
    private static bool CanStartAName(string key)
    {
        foreach (var rune in key.EnumerateRunes())
        {
            if (rune.Value == 0 || rune == Rune.ReplacementChar) return false;
        }
        return true;
    }
}
