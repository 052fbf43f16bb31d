namespace OrleansChat.Grains.Presence;

/// <summary>
/// What one gateway says of its connected users, with a value each (<typeparamref name="T"/>: whether they are away in
/// a room, their name in the online list). The gateway's whole list (a renewal) and its reports of single users can
/// arrive in any order; each names the gateway's version it was taken at (its <c>LocalConnections</c> counts every
/// change), and for each user the newest word wins: a list older than the newest list is ignored, a report older than
/// the newest list or than the user's newest report is ignored, and a report newer than the list stays in force over
/// it until a list at least as new arrives. Without versions, a renewal taken before a connect but arriving after its
/// report would hide that user until the next renewal (docs/architecture.md, "Presence and delivery").
/// </summary>
public sealed class GatewayReports<T>
{
    private readonly Dictionary<Guid, T> _users = [];
    private readonly Dictionary<Guid, (long Version, bool Online, T Value)> _reports = [];
    private long _listVersion = -1;

    /// <summary>The users connected on the gateway now, as far as its newest word goes.</summary>
    public IReadOnlyDictionary<Guid, T> Users => _users;

    /// <summary>One user's connections on the gateway opened, changed or closed, as of <paramref name="version"/>.</summary>
    /// <returns>Whether <see cref="Users"/> changed (the user came, went or has another value).</returns>
    public bool Report(Guid user, bool online, T value, long version)
    {
        if (version <= _listVersion || (_reports.TryGetValue(user, out var newest) && newest.Version >= version)) return false;
        _reports[user] = (version, online, value);
        return Apply(user, online, value);
    }

    /// <summary>The gateway's whole list as of <paramref name="version"/>; reports newer than it stay in force.</summary>
    /// <returns>Whether the list was taken (false when a newer one was already in).</returns>
    public bool Replace(IEnumerable<KeyValuePair<Guid, T>> users, long version)
    {
        if (version < _listVersion) return false;
        _listVersion = version;
        _users.Clear();
        foreach (var (user, value) in users) _users[user] = value;
        foreach (var (user, report) in _reports.ToList())
        {
            if (report.Version <= version) _reports.Remove(user);
            else Apply(user, report.Online, report.Value);
        }
        return true;
    }

    /// <summary>Whatever the gateway said of <paramref name="user"/> is void (a room removed the member).</summary>
    public bool Remove(Guid user)
    {
        _reports.Remove(user);
        return _users.Remove(user);
    }

    private bool Apply(Guid user, bool online, T value)
    {
        if (!online) return _users.Remove(user);
        var changed = !_users.TryGetValue(user, out var was) || !EqualityComparer<T>.Default.Equals(was, value);
        _users[user] = value;
        return changed;
    }
}
