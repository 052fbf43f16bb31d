namespace OrleansChat.Grains.Users;

/// <summary>
/// A user's uploaded picture, persisted apart from <see cref="UserState"/> (which is written on every read marker) so
/// that the picture's bytes are written only when it changes and read only when someone fetches it.
/// </summary>
[GenerateSerializer, Alias("OrleansChat.Grains.AvatarState")]
public sealed class AvatarState
{
    /// <summary>Counts every change, removals included, so a picture's version is never reused (pages cache by it).</summary>
    [Id(0)] public int Changes { get; set; }

    /// <summary>The square WebP picture; null when the user has none (the generated avatar is shown).</summary>
    [Id(1)] public byte[]? Picture { get; set; }
}
