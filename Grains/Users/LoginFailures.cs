namespace OrleansChat.Grains.Users;

/// <summary>Failed password attempts counted under one key (an address, or the whole account); part of the user's state.</summary>
[GenerateSerializer, Alias("OrleansChat.Grains.LoginFailures")]
public sealed class LoginFailures
{
    [Id(0)] public int Count { get; set; }

    [Id(1)] public DateTimeOffset LastFailure { get; set; }

    [Id(2)] public DateTimeOffset BlockedUntil { get; set; }
}
