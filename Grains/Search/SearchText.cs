using System.Text;

namespace OrleansChat.Grains.Search;

/// <summary>
/// The text both search engines index and match, and the snippets they return. Words are what the engines' tokenizers
/// (SQLite FTS5 <c>unicode61</c>, PostgreSQL's default parser) split on spaces and punctuation; Chinese, Japanese and
/// Korean are written without spaces, so every character of those scripts is made a word of its own
/// (<see cref="Separator"/> after it) and a query's run of them becomes a phrase: a substring match of any length.
/// PostgreSQL does the same in SQL (<c>chat_search_text</c>, Schema/008) for its generated column.
/// </summary>
public static class SearchText
{
    /// <summary>Splits words; a control character, so never part of a stored message (the text rules remove them).</summary>
    public const char Separator = '\u001F';

    /// <summary>Around a match in a snippet the stores return: control characters, never in a message either.</summary>
    public const char MarkStart = '\u0002';

    public const char MarkEnd = '\u0003';

    /// <summary>
    /// Hiragana, Katakana, CJK ideographs (and Extension A, compatibility ideographs) and Hangul syllables: the same
    /// ranges as <c>chat_search_text</c> in Schema/008-message-search.sql.
    /// </summary>
    public static bool IsCjk(char c) => c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF')
        or (>= '\u4E00' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF');

    /// <summary><paramref name="text"/> with <see cref="Separator"/> after every CJK character.</summary>
    public static string ForIndex(string text)
    {
        var count = 0;
        foreach (var c in text) if (IsCjk(c)) count++;
        if (count == 0) return text;
        var builder = new StringBuilder(text.Length + count);
        foreach (var c in text)
        {
            builder.Append(c);
            if (IsCjk(c)) builder.Append(Separator);
        }
        return builder.ToString();
    }

    /// <summary>
    /// A snippet as a store returns it (matches between <see cref="MarkStart"/> and <see cref="MarkEnd"/>, CJK
    /// characters followed by <see cref="Separator"/>) as plain text and the ranges of its matches; touching matches
    /// (the characters of a CJK phrase) become one.
    /// </summary>
    public static (string Text, IReadOnlyList<TextMark> Marks) FromMarked(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var marks = new List<TextMark>();
        var start = -1;
        foreach (var c in marked)
        {
            switch (c)
            {
                case Separator:
                    continue;
                case MarkStart:
                    start = text.Length;
                    continue;
                case MarkEnd:
                    if (start < 0) continue;
                    if (marks.Count > 0 && marks[^1].Start + marks[^1].Length == start)
                        marks[^1] = marks[^1] with { Length = text.Length - marks[^1].Start };
                    else if (text.Length > start)
                        marks.Add(new TextMark(start, text.Length - start));
                    start = -1;
                    continue;
                default:
                    text.Append(c);
                    continue;
            }
        }
        return (text.ToString(), marks);
    }
}
