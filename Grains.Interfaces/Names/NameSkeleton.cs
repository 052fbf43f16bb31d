using System.Globalization;
using System.Text;

namespace OrleansChat;

/// <summary>
/// The UTS #39 skeleton of a text: two texts that look alike ("Amber" with a Cyrillic 'а', full-width letters, a
/// dotless 'ı') have the same skeleton. It is the skeleton of the NFKC form (UTS #39 compares identifiers in NFKC),
/// from ICU's confusables and normalisation data, generated into
/// <c>Names/confusables.txt</c> by scripts/generate-confusables.py. The process runs with invariant globalization,
/// where <see cref="string.Normalize()"/> does not decompose, so the table holds each code point's whole skeleton
/// (decomposition included) and Hangul syllables are decomposed here.
/// </summary>
public static class NameSkeleton
{
    private static readonly Lazy<Dictionary<int, string>> Table = new(Load);

    /// <summary>The skeleton of <paramref name="text"/>; a lone surrogate maps to itself.</summary>
    public static string Of(string text)
    {
        var table = Table.Value;
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            int cp = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                cp = char.ConvertToUtf32(text[i], text[++i]);
            if (table.TryGetValue(cp, out var mapped)) sb.Append(mapped);
            else if (cp is >= HangulBase and < HangulBase + HangulCount) AppendHangul(sb, table, cp);
            else if (cp > 0xFFFF) sb.Append(char.ConvertFromUtf32(cp));
            else sb.Append((char)cp);
        }
        return sb.ToString();
    }

    private const int HangulBase = 0xAC00, HangulCount = 11172, JamoL = 0x1100, JamoV = 0x1161, JamoT = 0x11A7;

    private static void AppendHangul(StringBuilder sb, Dictionary<int, string> table, int cp)
    {
        var index = cp - HangulBase;
        Append(JamoL + index / (21 * 28));
        Append(JamoV + index % (21 * 28) / 28);
        if (index % 28 != 0) Append(JamoT + index % 28);

        void Append(int jamo)
        {
            if (table.TryGetValue(jamo, out var mapped)) sb.Append(mapped);
            else sb.Append((char)jamo);
        }
    }

    private static Dictionary<int, string> Load()
    {
        using var stream = typeof(NameSkeleton).Assembly.GetManifestResourceStream("OrleansChat.Names.confusables.txt")
            ?? throw new InvalidOperationException("The confusables table is not embedded.");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var table = new Dictionary<int, string>(8192);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            var source = int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var target = new StringBuilder();
            foreach (var part in line[(tab + 1)..].Split(' '))
                target.Append(char.ConvertFromUtf32(int.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            table[source] = target.ToString();
        }
        return table;
    }
}
