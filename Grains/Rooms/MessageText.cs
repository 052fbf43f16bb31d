using System.Text;

namespace OrleansChat.Grains.Rooms;

/// <summary>What a message text may contain.</summary>
public static class MessageText
{
    /// <summary>
    /// Returns the text to store: control characters other than line breaks and tabs removed, lone surrogates
    /// replaced by U+FFFD. Throws <see cref="ChatException"/> for an empty or too long text.
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
            else if (!char.IsControl(c) || c is '\n' or '\t')
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

    /// <summary>A single-line text (a topic): control characters become spaces, lone surrogates U+FFFD, trimmed.</summary>
    public static string CleanLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c)) sb.Append('\uFFFD');
            else sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString().Trim();
    }
}
