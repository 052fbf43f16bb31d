namespace OrleansChat.Grains.Users;

/// <summary>Password login throttling and session bounds of the user grains (configuration section <c>Chat:Login</c>); see docs/operations.md.</summary>
public sealed class LoginOptions
{
    public const string Section = "Chat:Login";

    /// <summary>Failed attempts for one account from one client address before each further one must wait.</summary>
    public int FreeFailuresPerAddress { get; set; } = 5;

    /// <summary>Longest wait for one account from one address (the wait doubles per failure: 2 s, 4 s, 8 s ...).</summary>
    public TimeSpan MaxWaitPerAddress { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Failed attempts for one account from all addresses together before the account-wide ceiling applies to
    /// addresses the owner has never logged in from.
    /// </summary>
    public int FreeFailuresPerAccount { get; set; } = 20;

    /// <summary>Longest wait of the account-wide ceiling.</summary>
    public TimeSpan MaxWaitPerAccount { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A count of failures is forgotten this long after its last failure.</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Addresses with failures remembered per account (the oldest are forgotten first).</summary>
    public int MaxTrackedAddresses { get; set; } = 200;

    /// <summary>Addresses the owner logged in from that are exempt from the account-wide ceiling (the latest are kept).</summary>
    public int MaxTrustedAddresses { get; set; } = 20;

    /// <summary>Active sessions (signed-in browsers) per user; starting one more ends the one that would expire first.</summary>
    public int MaxSessionsPerUser { get; set; } = 50;
}
