namespace OrleansChat;

/// <summary>User name rules shared by gateway and grains.</summary>
public static class UserNames
{
    /// <summary>The trimmed name with runs of white space folded to one space.</summary>
    public static string Clean(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The key under which a name is unique: cleaned and lower-case.</summary>
    public static string Normalize(string name) => Clean(name).ToLowerInvariant();

    /// <summary>Returns an error a person understands, or null when <paramref name="name"/> is acceptable.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "A name cannot be empty.";
        var clean = Clean(name);
        if (clean.Length < ChatLimits.MinUserNameLength || clean.Length > ChatLimits.MaxUserNameLength)
            return $"A name has {ChatLimits.MinUserNameLength} to {ChatLimits.MaxUserNameLength} characters.";
        foreach (var c in clean)
        {
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '\''))
                return "A name may contain letters, digits, spaces and - _ . '";
        }
        return null;
    }

    /// <summary>The search index shard of a name or prefix: its first normalised character (letters and digits), else "_".</summary>
    public static string IndexShard(string nameOrPrefix)
    {
        var normalized = Normalize(nameOrPrefix);
        return normalized.Length > 0 && char.IsLetterOrDigit(normalized[0]) ? normalized[..1] : "_";
    }
}
