using System.Text;
using OrleansChat.Grains.Presence;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A room's members in the order member lists show them, kept sorted as members come, go, change state or become
/// active, so that a page of a 100,000-member list costs a tree walk of the page, not a sort (issue 16). The order: the
/// online (an active connection), then the away, each by name; then the offline by when they were last active (to the
/// hour, most recent first; unknown last), then by name; the user id breaks ties. A page continues after a cursor that
/// names a position in that order, not a member: it stays valid when the member it was taken at changes state or
/// leaves (docs/architecture.md, "Member pages").
/// </summary>
public sealed class MemberIndex
{
    private readonly SortedSet<Entry> _order = new(EntryOrder.Instance);
    private readonly Dictionary<Guid, Entry> _entries = [];

    /// <summary>One member's position: <see cref="Rank"/> 0 online, 1 away, 2 offline; <see cref="Active"/> hour ticks (offline only).</summary>
    public readonly record struct Entry(int Rank, long Active, string Name, Guid UserId);

    public int Count => _entries.Count;

    /// <summary>Members online or away (what the page counts as "online").</summary>
    public int Online { get; private set; }

    /// <summary>Adds the member, or moves them to where their state, activity time and name put them now.</summary>
    public void Set(Guid userId, PresenceState state, DateTimeOffset? lastActive, string name)
    {
        var rank = state switch { PresenceState.Online => 0, PresenceState.Away => 1, _ => 2 };
        // Only the offline are ordered by time: the online are listed by name, as the page groups them.
        var active = rank < 2 ? 0 : lastActive?.UtcTicks ?? long.MinValue;
        var entry = new Entry(rank, active, name, userId);
        if (_entries.TryGetValue(userId, out var old))
        {
            if (old == entry) return;
            _order.Remove(old);
            if (old.Rank < 2) Online--;
        }
        _entries[userId] = entry;
        _order.Add(entry);
        if (rank < 2) Online++;
    }

    public void Remove(Guid userId)
    {
        if (!_entries.Remove(userId, out var old)) return;
        _order.Remove(old);
        if (old.Rank < 2) Online--;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> members after <paramref name="after"/> (null: from the start) whose name contains
    /// <paramref name="filter"/> (ignoring case; null: all). At most <paramref name="maxScan"/> entries are looked at, so
    /// a rare filter returns fewer than <paramref name="limit"/> with a cursor to go on from. <c>Next</c> is null when
    /// the list ends.
    /// </summary>
    public (List<Guid> Users, string? Next) Page(Entry? after, int limit, string? filter, int maxScan)
    {
        IEnumerable<Entry> rest = after is { } from && _order.Count > 0
            ? EntryOrder.Instance.Compare(from, _order.Max) < 0 ? _order.GetViewBetween(from, _order.Max).SkipWhile(e => e == from) : []
            : _order;
        var users = new List<Guid>(Math.Min(limit, 256));
        var scanned = 0;
        Entry? last = null;
        foreach (var entry in rest)
        {
            if (users.Count == limit || (filter is not null && scanned == maxScan)) return (users, Cursor(last!.Value));
            scanned++;
            last = entry;
            if (filter is null || entry.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)) users.Add(entry.UserId);
        }
        return (users, null);
    }

    /// <summary>The opaque page position after <paramref name="entry"/>: its place in the order, not the member.</summary>
    public static string Cursor(Entry entry) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{entry.Rank}.{entry.Active}.{entry.UserId:N}.{entry.Name}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a <see cref="Cursor"/>; false for anything else.</summary>
    public static bool TryParseCursor(string cursor, out Entry entry)
    {
        entry = default;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            var parts = text.Split('.', 4);
            if (parts.Length != 4 || !int.TryParse(parts[0], out var rank) || rank is < 0 or > 2
                || !long.TryParse(parts[1], out var active) || !Guid.TryParseExact(parts[2], "N", out var userId)) return false;
            entry = new Entry(rank, active, parts[3], userId);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry x, Entry y)
        {
            var c = x.Rank.CompareTo(y.Rank);
            if (c == 0) c = y.Active.CompareTo(x.Active);
            if (c == 0) c = StringComparer.OrdinalIgnoreCase.Compare(x.Name, y.Name);
            if (c == 0) c = StringComparer.Ordinal.Compare(x.Name, y.Name);
            return c != 0 ? c : x.UserId.CompareTo(y.UserId);
        }
    }
}
