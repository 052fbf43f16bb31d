namespace OrleansChat.Grains.Users;

/// <summary>
/// The name locks of one user (<see cref="IUserNameGrain"/>, one per key of <see cref="UserNames.Keys"/>): a new name
/// gets all its keys or none, and the keys the old name no longer needs are released after the new name is stored.
/// A name stored before look-alike keys holds only its <see cref="UserNames.LegacyKey"/>; its user moves it onto the
/// current keys when next active, and until then no one else can take that exact name.
/// </summary>
public sealed class NameLocks(Guid userId, Func<string, IUserNameGrain> lockOf)
{
    /// <summary>The keys a user holds: <paramref name="stored"/>, or the legacy key of a name stored before them.</summary>
    public static IReadOnlyList<string> Held(string name, IReadOnlyList<string>? stored) => stored ?? [UserNames.LegacyKey(name)];

    /// <summary>True when <paramref name="held"/> are exactly the keys <paramref name="name"/> needs today.</summary>
    public static bool AreCurrent(string name, IReadOnlyList<string> held) => UserNames.Keys(name).SequenceEqual(held);

    /// <summary>
    /// Claims every key of <paramref name="name"/> not in <paramref name="held"/>. Returns the keys of the name, or null
    /// (with nothing claimed) when another user holds one of them or holds that exact name under the legacy key.
    /// </summary>
    public async Task<IReadOnlyList<string>?> TryClaim(string name, IReadOnlyList<string> held)
    {
        var legacy = UserNames.LegacyKey(name);
        if (!held.Contains(legacy) && await lockOf(legacy).GetOwner() is { } owner && owner != userId) return null;
        var wanted = UserNames.Keys(name);
        var claimed = new List<string>();
        foreach (var key in wanted.Where(k => !held.Contains(k)))
        {
            if (!await lockOf(key).TryClaim(userId))
            {
                foreach (var k in claimed) await lockOf(k).Release(userId);
                return null;
            }
            claimed.Add(key);
        }
        return wanted;
    }

    /// <summary>Releases the keys of <paramref name="held"/> that are not in <paramref name="kept"/>.</summary>
    public async Task ReleaseOthers(IReadOnlyList<string> held, IReadOnlyList<string> kept)
    {
        foreach (var key in held.Where(k => !kept.Contains(k))) await lockOf(key).Release(userId);
    }
}
