using System.Globalization;
using System.Text;

namespace OrleansChat.Grains.Search;

/// <summary>
/// Reads a search as people type it in Slack: words (all must match), <c>"exact phrases"</c>, <c>-excluded</c> words,
/// and the filters <c>in:#room</c>, <c>from:name</c> (or <c>from:"Two Words"</c>, <c>from:me</c>),
/// <c>before:2026-12-01</c> and <c>after:2026-11-30</c> (whole days, UTC: <c>after:</c> starts the next day). Bad input
/// is a <see cref="ChatException"/> that says what to type.
/// </summary>
public static class SearchQueryParser
{
    public static SearchQuery Parse(string? text, SearchOptions options)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ChatException("Type a word to search for.");
        if (text.Length > options.MaxQueryLength)
            throw new ChatException($"A search has at most {options.MaxQueryLength} characters.");

        var terms = new List<string>();
        var excluded = new List<string>();
        string? inRoom = null, from = null;
        DateTimeOffset? before = null, after = null;
        foreach (var (token, quoted) in Tokens(text))
        {
            if (!quoted && Filter(token, "in:") is { } room) inRoom = room.TrimStart('#');
            else if (!quoted && Filter(token, "from:") is { } name) from = name.TrimStart('@');
            else if (!quoted && Filter(token, "before:") is { } day) before = Day(day);
            else if (!quoted && Filter(token, "after:") is { } day2) after = Day(day2).AddDays(1);
            else if (!quoted && token.StartsWith('-') && token.Length > 1) Add(excluded, token[1..]);
            else Add(terms, token);
        }
        if (terms.Count == 0) throw new ChatException("Type at least one word to search for (filters alone find nothing).");
        if (terms.Count + excluded.Count > options.MaxTerms)
            throw new ChatException($"A search has at most {options.MaxTerms} words or phrases.");
        if (inRoom is "") throw new ChatException("Write the room after in:, as in in:#general.");
        if (from is "") throw new ChatException("Write the person after from:, as in from:\"Amber Heron\".");
        return new SearchQuery(terms, excluded, inRoom, from, before, after);
    }

    // A term counts only if it has a letter or digit: punctuation alone would match everything or nothing.
    private static void Add(List<string> list, string term)
    {
        term = term.Trim();
        foreach (var c in term)
        {
            if (char.IsLetterOrDigit(c)) { list.Add(term); return; }
        }
    }

    private static string? Filter(string token, string prefix) =>
        token.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? token[prefix.Length..] : null;

    private static DateTimeOffset Day(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : throw new ChatException($"'{Shorten(value)}' is not a date: write it as 2026-12-01.");

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";

    /// <summary>
    /// Whitespace-separated tokens; a double-quoted part (a phrase, or a filter value like <c>from:"Two Words"</c>) is
    /// one token with its quotes removed. A token that is all quoted is marked so, and is always a phrase.
    /// </summary>
    private static IEnumerable<(string Token, bool Quoted)> Tokens(string text)
    {
        var token = new StringBuilder();
        var inQuotes = false;
        var allQuoted = true;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
                continue;
            }
            if (!inQuotes && char.IsWhiteSpace(c))
            {
                if (token.Length > 0) yield return (token.ToString(), allQuoted);
                token.Clear();
                allQuoted = true;
                continue;
            }
            if (!inQuotes) allQuoted = false;
            token.Append(c);
        }
        if (token.Length > 0) yield return (token.ToString(), allQuoted);
    }
}
