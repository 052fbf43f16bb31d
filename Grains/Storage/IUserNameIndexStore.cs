namespace OrleansChat.Grains.Storage;

/// <summary>
/// The user-name search index as rows of the store, one per name (table <c>user_names</c>, primary key the normalised
/// name), so that adding a user writes one row however many users there are. The index used to be the grain state of
/// <see cref="Users.UserIndexGrain"/>, one blob per first letter rewritten whole by every new user (issue 16).
/// Keys are compared as code points (SQLite's BINARY, PostgreSQL's "C"), which for names (no surrogates) is the
/// ordinal order the grain state sorted by.
/// </summary>
public interface IUserNameIndexStore
{
    /// <summary>Writes the rows (a row of the same key is replaced, whoever it named) durably, in one transaction.</summary>
    Task UpsertAsync(IReadOnlyCollection<UserNameRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Deletes the row of <paramref name="key"/> if it names <paramref name="userId"/>; another user's row stays.</summary>
    Task RemoveAsync(string key, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rows whose key starts with <paramref name="keyPrefix"/> (taken literally: no wildcards), in key order, at most
    /// <paramref name="limit"/>: a range read of the key's index.
    /// </summary>
    Task<IReadOnlyList<UserNameRow>> SearchAsync(string keyPrefix, int limit, CancellationToken cancellationToken = default);
}
