using System.Text;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The range of an index ordered by code points (SQLite's BINARY, PostgreSQL's "C") that holds exactly the keys starting
/// with a prefix: from the prefix up to, not including, <see cref="End"/>. A range read instead of LIKE, which would
/// read the prefix's <c>%</c> and <c>_</c> as wildcards and, under most collations, not use the index at all.
/// </summary>
internal static class KeyPrefix
{
    /// <summary>
    /// The least string above every string that starts with <paramref name="prefix"/> (valid UTF-16): the prefix with
    /// its last code point incremented (over the surrogates), trailing U+10FFFF dropped. Null when there is none, the
    /// empty prefix or one of U+10FFFF only: then every key from the prefix on starts with it.
    /// </summary>
    public static string? End(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF) continue;
            var end = new StringBuilder(prefix.Length + 1);
            foreach (var rune in runes) end.Append(rune.ToString());
            return end.Append(new Rune(last == 0xD7FF ? 0xE000 : last + 1).ToString()).ToString();
        }
        return null;
    }
}
