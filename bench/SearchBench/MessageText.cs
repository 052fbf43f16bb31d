namespace OrleansChat.Bench.Search;

/// <summary>
/// Message texts of 4 to 16 words drawn from a vocabulary of 20,000 made-up words with a Zipf distribution (word k
/// about 1/k as frequent as the first), as words of natural language are; searches take words of three frequency bands.
/// </summary>
public sealed class MessageText
{
    private const int Vocabulary = 20_000;
    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly Random _random;

    public MessageText(int seed)
    {
        _random = new Random(seed);
        var syllables = new[] { "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qu", "do", "fe", "gi", "ho", "ju" };
        _words = new string[Vocabulary];
        for (var k = 0; k < Vocabulary; k++)
        {
            // A unique word per rank: its syllables spell k in base 16, after a first syllable that varies the length.
            var word = syllables[k % 16];
            for (var n = k + 1; n > 0; n /= 16) word += syllables[n % 16];
            _words[k] = word;
        }
        _cumulative = new double[Vocabulary];
        var sum = 0.0;
        for (var k = 0; k < Vocabulary; k++) _cumulative[k] = sum += 1.0 / (k + 1);
        for (var k = 0; k < Vocabulary; k++) _cumulative[k] /= sum;
    }

    public string Next()
    {
        var count = 4 + _random.Next(13);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var at = Array.BinarySearch(_cumulative, _random.NextDouble());
            words[i] = _words[at < 0 ? Math.Min(~at, Vocabulary - 1) : at];
        }
        return string.Join(' ', words);
    }

    /// <summary>
    /// Query words by frequency: common (ranks 10-100, each in about 1-8 % of messages), medium (ranks 1,000-2,000,
    /// about 0.1 %) and rare (ranks 15,000-20,000, a few dozen messages each of a million).
    /// </summary>
    public IEnumerable<(string Band, IReadOnlyList<string> Words)> QueryBands()
    {
        yield return ("common", _words[10..100]);
        yield return ("medium", _words[1000..2000]);
        yield return ("rare", _words[15000..20000]);
    }
}
