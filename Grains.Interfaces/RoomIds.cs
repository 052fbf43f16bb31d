using System.Text;

namespace OrleansChat;

/// <summary>Room names and the ids (slugs) derived from them.</summary>
public static class RoomIds
{
    /// <summary>Checks a room name; returns an error a person understands, or null when it is fine.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "A room needs a name.";
        var trimmed = name.Trim();
        if (trimmed.Length > ChatLimits.MaxRoomNameLength) return $"A room name has at most {ChatLimits.MaxRoomNameLength} characters.";
        foreach (var c in trimmed)
        {
            if (!(char.IsLetterOrDigit(c) || c == ' ' || c == '-' || c == '_'))
                return "A room name may contain letters, digits, spaces, '-' and '_'.";
        }
        var id = ToId(trimmed);
        if (id.Length == 0) return "A room name needs at least one letter or digit.";
        // These prefixes name private rooms, group and direct conversations.
        return id.StartsWith("p-", StringComparison.Ordinal) || IsGroup(id) || IsDirect(id)
            ? "A room name may not start with 'p-', 'g-' or 'dm-'."
            : null;
    }

    /// <summary>The id of a room name: lower-case ASCII letters and digits, other runs become one '-'.</summary>
    public static string ToId(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>
    /// What reserved room names are compared by: the UTS #39 skeleton of the lower-cased name, lower-cased again and
    /// reduced to its letters and digits, so that case, spaces, separators and look-alike letters ("LOBBY", "Lo-bby",
    /// a Cyrillic "о", full-width letters) do not tell a name apart from a reserved one.
    /// </summary>
    public static string ReservedKey(string name)
    {
        var skeleton = NameSkeleton.Of(name.Trim().ToLowerInvariant()).ToLowerInvariant();
        var sb = new StringBuilder(skeleton.Length);
        foreach (var c in skeleton)
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= ChatLimits.MaxRoomNameLength * 2 && ToId(id) == id;

    /// <summary>A new id for a private room: it reveals nothing and cannot collide with a public room's slug.</summary>
    public static string NewPrivate() => "p-" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The one id of the direct conversation of two users, whatever their order.</summary>
    public static string Direct(Guid a, Guid b)
    {
        var (first, second) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        return $"dm-{first:N}-{second:N}";
    }

    public static bool IsDirect(string id) => id.StartsWith("dm-", StringComparison.Ordinal);

    /// <summary>A new id for a group conversation (<see cref="RoomKinds.Group"/>): like a private room's, it reveals nothing.</summary>
    public static string NewGroup() => "g-" + Guid.NewGuid().ToString("N")[..20];

    public static bool IsGroup(string id) => id.StartsWith("g-", StringComparison.Ordinal);

    /// <summary>Direct and group conversations (whose notification level defaults to every message).</summary>
    public static bool IsConversation(string id) => IsDirect(id) || IsGroup(id);
}
