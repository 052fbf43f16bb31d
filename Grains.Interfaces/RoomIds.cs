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
        return ToId(trimmed).Length == 0 ? "A room name needs at least one letter or digit." : null;
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

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= ChatLimits.MaxRoomNameLength * 2 && ToId(id) == id;
}
