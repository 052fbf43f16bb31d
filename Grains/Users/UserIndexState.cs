namespace OrleansChat.Grains.Users;

/// <summary>One shard of the name index: normalised name → (user, name as written).</summary>
[GenerateSerializer, Alias("OrleansChat.Grains.UserIndexState")]
public sealed class UserIndexState
{
    [Id(0)] public SortedDictionary<string, UserMatch> Names { get; set; } = new(StringComparer.Ordinal);
}
