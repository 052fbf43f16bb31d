using System.Text;

namespace OrleansChat.Grains.Rooms;

/// <summary>What a message text may contain.</summary>
public static class MessageText
{
    /// <summary>
    /// Returns the text to store: control characters other than line breaks and tabs removed, explicit bidi controls
    /// removed (<see cref="IsBidiControl"/>), lone surrogates replaced by U+FFFD. Throws <see cref="ChatException"/>
    /// for an empty or too long text.
    /// </summary>
    public static string Clean(string? text)
    {
        if (text is null || string.IsNullOrWhiteSpace(text)) throw new ChatException("A message cannot be empty.");
        if (text.Length > ChatLimits.MaxMessageLength)
            throw new ChatException($"A message has at most {ChatLimits.MaxMessageLength} characters.");
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else if (!IsBidiControl(c) && (!char.IsControl(c) || c is '\n' or '\t'))
            {
                sb.Append(c);
            }
            else if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
            {
                sb.Append('\n');
            }
        }
        var clean = sb.ToString();
        if (string.IsNullOrWhiteSpace(clean)) throw new ChatException("A message cannot be empty.");
        return clean;
    }

    /// <summary>
    /// A single-line text (a topic): control characters become spaces, explicit bidi controls are removed, lone
    /// surrogates become U+FFFD, trimmed.
    /// </summary>
    public static string CleanLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c)) sb.Append('\uFFFD');
            else if (!IsBidiControl(c)) sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString().Trim();
    }

    /// <summary>
    /// The explicit bidi formatting characters: embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
    /// An override shows the letters after it in reverse ("Trojan Source"), and an unclosed one spills over what
    /// follows, so a text could show something other than what it says. They are removed, paired or not: the
    /// implicit bidi algorithm orders plain Arabic and Hebrew text correctly without them, and the marks LRM, RLM and
    /// ALM, which cannot reverse a run of letters, are kept for text that mixes directions.
    /// </summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
