namespace OrleansChat.Grains.Users;

/// <summary>The persisted part of a user.</summary>
[GenerateSerializer, Alias("OrleansChat.Grains.UserState")]
public sealed class UserState
{
    /// <summary>Null until the user is created by <see cref="IUserGrain.EnsureProfile"/>.</summary>
    [Id(0)] public string? Name { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    [Id(2)] public List<string> Rooms { get; set; } = [];

    /// <summary><see cref="PasswordHash"/> format; null for a guest without a password.</summary>
    [Id(3)] public string? PasswordHash { get; set; }

    /// <summary>Per room, the highest sequence number the user has seen.</summary>
    [Id(4)] public Dictionary<string, long> ReadMarkers { get; set; } = [];

    /// <summary>
    /// The <see cref="IUserNameGrain"/> keys the name holds (<see cref="UserNames.Keys"/>); null for a name stored
    /// before them, which holds only its <see cref="UserNames.LegacyKey"/>.
    /// </summary>
    [Id(5)] public List<string>? NameKeys { get; set; }

    /// <summary>Failed password attempts (<see cref="LoginThrottle"/>), kept across restarts and silos.</summary>
    [Id(6)] public LoginThrottleState Login { get; set; } = new();

    /// <summary>
    /// The user's active sessions (identity tokens that may be used) and when each ends at the latest. A token whose
    /// session is not here is refused by every gateway: this is where log out, log out everywhere and a password change
    /// revoke tokens.
    /// </summary>
    [Id(7)] public Dictionary<Guid, DateTimeOffset> Sessions { get; set; } = [];

    // Ids 8 and 9 are left to the rate limits being written in parallel; blocking and hiding start at 10.

    /// <summary>
    /// Users this user blocked: they cannot open a direct conversation with this user, invite them, or write in their
    /// existing one; the page hides their messages (docs/protocol.md, Blocking).
    /// </summary>
    [Id(10)] public HashSet<Guid> Blocked { get; set; } = [];

    /// <summary>
    /// Direct conversations hidden from the user's list, with the room's newest sequence number when hidden: one that
    /// has a newer event (or that the user opens again) is listed again.
    /// </summary>
    [Id(11)] public Dictionary<string, long> HiddenDirects { get; set; } = [];

    /// <summary>The user turned read receipts off: rooms do not show how far the user has read.</summary>
    [Id(12)] public bool ReceiptsOff { get; set; }

    /// <summary>
    /// Notification levels (<see cref="OrleansChat.NotifyLevels"/>) the user chose per room; a room without one has
    /// <see cref="OrleansChat.NotifyLevels.Default"/>.
    /// </summary>
    [Id(20)] public Dictionary<string, string> NotifyLevels { get; set; } = [];

    /// <summary>The user's short status text (<see cref="StatusText"/>), null when none; part of what rooms show of the user.</summary>
    [Id(21)] public string? Status { get; set; }
}
