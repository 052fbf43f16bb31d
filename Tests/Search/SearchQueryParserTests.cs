using OrleansChat.Grains.Search;

namespace OrleansChat.Tests.Search;

public sealed class SearchQueryParserTests
{
    private static readonly SearchOptions Options = new();

    [Fact]
    public void Parse_ReadsWordsPhrasesExclusionsAndFilters()
    {
        var query = SearchQueryParser.Parse("exam \"room 4.12\" -monday in:#study-group from:\"Amber Heron\" after:2026-11-30 before:2026-12-03", Options);

        Assert.Equal(["exam", "room 4.12"], query.Terms);
        Assert.Equal(["monday"], query.Excluded);
        Assert.Equal(("study-group", "Amber Heron"), (query.InRoom, query.From));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), query.After);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), query.Before);
    }

    [Fact]
    public void Parse_TakesAQuotedFilterAsAPhrase_AndDropsTermsWithoutALetterOrDigit()
    {
        var query = SearchQueryParser.Parse("\"in:#x\" ... - 東京 from:@bob", Options);

        Assert.Equal(["in:#x", "東京"], query.Terms);
        Assert.Empty(query.Excluded);
        Assert.Equal(("bob", (string?)null), (query.From, query.InRoom));
    }

    [Theory]
    [InlineData(null, "Type a word to search for.")]
    [InlineData("from:me", "Type at least one word")]
    [InlineData("-exam", "Type at least one word")]
    [InlineData("exam in:#", "Write the room after in:")]
    [InlineData("exam from:", "Write the person after from:")]
    [InlineData("exam after:30.11.2026", "is not a date")]
    public void Parse_OfBadInput_SaysWhatToType(string? text, string error)
    {
        var refused = Assert.Throws<ChatException>(() => SearchQueryParser.Parse(text, Options));

        Assert.Contains(error, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverTheConfiguredBounds_IsRefused()
    {
        var options = new SearchOptions { MaxQueryLength = 10, MaxTerms = 2 };

        Assert.Contains("at most 10 characters", Assert.Throws<ChatException>(() => SearchQueryParser.Parse("abcdefghijk", options)).Message);
        Assert.Contains("at most 2 words", Assert.Throws<ChatException>(() => SearchQueryParser.Parse("a b -c", options)).Message);
    }
}
