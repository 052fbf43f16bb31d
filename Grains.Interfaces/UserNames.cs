using System.Globalization;
using System.Text;

namespace OrleansChat;

/// <summary>User name rules shared by gateway and grains.</summary>
public static class UserNames
{
    /// <summary>The trimmed name with runs of white space folded to one space.</summary>
    public static string Clean(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Cleaned and lower-case: what the search index sorts by, and the lock key of names stored before
    /// look-alike keys existed (<see cref="LegacyKey"/>).</summary>
    public static string Normalize(string name) => Clean(name).ToLowerInvariant();

    /// <summary>
    /// The key under which a name is unique ignoring case and look-alike letters: the UTS #39 skeleton of the
    /// normalised name ("Amber Heron" with a Cyrillic 'а' or full-width letters has the key of the Latin one).
    /// Login finds a user by it.
    /// </summary>
    public static string Key(string name) => "ci:" + NameSkeleton.Of(Normalize(name));

    /// <summary>
    /// The key under which a name is unique as it is shown, case kept: the skeleton of the cleaned name. Lower-casing
    /// first separates look-alikes that differ in case ("Ivan" and "lvan", Latin and Greek capitals), so a name holds
    /// this key too.
    /// </summary>
    public static string DisplayKey(string name) => "cs:" + NameSkeleton.Of(Clean(name));

    /// <summary>Every lock key a name holds (<see cref="IUserNameGrain"/>); none of them can be another user's.</summary>
    public static IReadOnlyList<string> Keys(string name) => [Key(name), DisplayKey(name)];

    /// <summary>The only lock key of a name stored before look-alike keys: its normalised form (no "ci:"/"cs:").</summary>
    public static string LegacyKey(string name) => Normalize(name);

    /// <summary>Returns an error a person understands, or null when <paramref name="name"/> is acceptable.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "A name cannot be empty.";
        foreach (var rune in name.EnumerateRunes())
        {
            if (IsInvisible(rune))
                return "A name cannot contain invisible or formatting characters (zero-width spaces, direction marks, variation selectors …).";
        }
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

    /// <summary>
    /// Characters that show nothing or change how their neighbours show: format characters (zero-width space and
    /// joiners, direction marks, bidi embeddings, overrides and isolates, word joiner, tags, …) and the other default
    /// ignorable code points that are letters or marks (Hangul fillers, combining grapheme joiner, variation selectors).
    /// </summary>
    public static bool IsInvisible(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format || rune.Value is
        0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x2800 or 0x3164
        or (>= 0xFE00 and <= 0xFE0F) or 0xFFA0 or 0xFFFC or (>= 0xE0000 and <= 0xE0FFF);

    /// <summary>The search index shard of a name or prefix: its first normalised character (letters and digits), else "_".</summary>
    public static string IndexShard(string nameOrPrefix)
    {
        var normalized = Normalize(nameOrPrefix);
        return normalized.Length > 0 && char.IsLetterOrDigit(normalized[0]) ? normalized[..1] : "_";
    }
}
