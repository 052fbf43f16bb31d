namespace OrleansChat;

/// <summary>
/// One page of search results, newest first. <see cref="Next"/> is the cursor of the following (older) page, passed
/// back to <see cref="IUserGrain.Search"/>; null when this page is the last.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.SearchResults")]
public sealed record SearchResults(
    [property: Id(0)] IReadOnlyList<SearchHit> Hits,
    [property: Id(1)] string? Next);
