namespace OrleansChat.Grains.Users;

/// <summary>
/// The rules of a user's status text ("In a meeting until 3"): one line of plain text, trimmed, at most a configured
/// length. Control characters (line breaks and tabs included) and the explicit bidi controls are refused rather than
/// removed: a status is short and typed on purpose, so the user is told instead of seeing it changed.
/// </summary>
public static class StatusText
{
    /// <summary>The text as stored: trimmed; null for none (null, empty or white space clears the status).</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Why <paramref name="cleaned"/> (the result of <see cref="Clean"/>) is refused, or null when it is fine.</summary>
    public static string? Validate(string? cleaned, int maxLength)
    {
        if (cleaned is null) return null;
        if (cleaned.Length > maxLength) return $"A status has at most {maxLength} characters.";
        foreach (var c in cleaned)
        {
            if (c is '\n' or '\r' or '\u2028' or '\u2029') return "A status is one line: it cannot contain line breaks.";
            if (char.IsControl(c)) return "A status cannot contain control characters such as tabs.";
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                return "A status cannot contain text-direction controls (bidi embeddings, overrides or isolates).";
        }
        return null;
    }
}
