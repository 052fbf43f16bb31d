namespace OrleansChat.Grains.Users;

/// <summary>
/// The persisted part of <see cref="LoginThrottle"/>: kept in the user's grain state so that a restart, a moved
/// activation or another silo of the cluster does not forget failures.
/// </summary>
[GenerateSerializer, Alias("OrleansChat.Grains.LoginThrottleState")]
public sealed class LoginThrottleState
{
    /// <summary>Failures per client address (<c>ClientAddress</c> key: IPv4 address or IPv6 /64).</summary>
    [Id(0)] public Dictionary<string, LoginFailures> ByAddress { get; set; } = [];

    /// <summary>Failures from every address together: the account-wide ceiling.</summary>
    [Id(1)] public LoginFailures Account { get; set; } = new();

    /// <summary>Addresses the owner logged in from, most recent last: the account-wide ceiling does not apply to them.</summary>
    [Id(2)] public List<string> TrustedAddresses { get; set; } = [];
}
