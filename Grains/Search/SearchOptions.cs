namespace OrleansChat.Grains.Search;

/// <summary>Bounds of message search (configuration section <c>Chat:Search</c>); see docs/operations.md.</summary>
public sealed class SearchOptions
{
    public const string Section = "Chat:Search";

    /// <summary>Characters of one query, filters included.</summary>
    public int MaxQueryLength { get; set; } = 200;

    /// <summary>Words and quoted phrases of one query (excluded ones included).</summary>
    public int MaxTerms { get; set; } = 8;

    /// <summary>Results per page; the page's cursor gives the next.</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>How long one search may run in the store before it is stopped and the user asked to narrow it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
