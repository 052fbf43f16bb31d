using System.Globalization;
using System.Text;

namespace OrleansChat.Tests.Users;

public sealed class NameSkeletonTests
{
    [Theory]
    [InlineData("Amber Heron", "Arnber Heron")]
    [InlineData("\u0410mber Heron", "Arnber Heron")] // Cyrillic А
    [InlineData("\uff21\uff4d\uff42\uff45\uff52 Heron", "Arnber Heron")] // full-width
    [InlineData("\u0131", "i")] // dotless ı
    [InlineData("Ilse", "llse")]
    [InlineData("\u00e9", "e\u0301")] // decomposed, as NFD
    [InlineData("\uac00", "\u1100\u1161")] // a Hangul syllable, decomposed
    public void Of_KnownLookAlikes_IsTheirPrototype(string text, string skeleton)
    {
        Assert.Equal(skeleton, NameSkeleton.Of(text));
    }

    [Fact]
    public void Of_RandomNamesInAllScripts_EqualsIcusSkeleton()
    {
        var lines = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Users", "skeleton-vectors.txt"))
            .Where(l => !l.StartsWith('#')).ToList();
        Assert.True(lines.Count >= 500, $"only {lines.Count} vectors");
        var wrong = new List<string>();
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            var (name, expected) = (FromCodePoints(parts[0]), FromCodePoints(parts[1]));
            if (NameSkeleton.Of(name) != expected) wrong.Add(parts[0]);
        }
        Assert.Empty(wrong);
    }

    private static string FromCodePoints(string hex)
    {
        var sb = new StringBuilder();
        foreach (var part in hex.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            sb.Append(char.ConvertFromUtf32(int.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        return sb.ToString();
    }
}
