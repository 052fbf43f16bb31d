namespace OrleansChat.Grains.Users;

/// <summary>The persisted part of a user.</summary>
[GenerateSerializer, Alias("OrleansChat.Grains.UserState")]
public sealed class UserState
{
    /// <summary>Null until the user is created by <see cref="IUserGrain.EnsureProfile"/>.</summary>
    [Id(0)] public string? Name { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    [Id(2)] public List<string> Rooms { get; set; } = [];
}
