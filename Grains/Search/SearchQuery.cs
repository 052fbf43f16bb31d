namespace OrleansChat.Grains.Search;

/// <summary>
/// A parsed search (<see cref="SearchQueryParser"/>): the words and quoted phrases a message must all contain, the ones
/// it must not, and the filters <c>in:</c>, <c>from:</c>, <c>before:</c> and <c>after:</c> as written (the user grain
/// resolves the room and the user).
/// </summary>
public sealed record SearchQuery(
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Excluded,
    string? InRoom,
    string? From,
    DateTimeOffset? Before,
    DateTimeOffset? After);
