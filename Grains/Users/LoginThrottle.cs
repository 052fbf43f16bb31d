namespace OrleansChat.Grains.Users;

/// <summary>
/// Slows down password guessing for one account: after <see cref="FreeFailures"/> failed attempts each further attempt
/// must wait twice as long as the last (2 s, 4 s, 8 s ... up to 5 minutes). A success resets it.
/// </summary>
internal sealed class LoginThrottle
{
    private const int FreeFailures = 5;
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);
    private int _failures;
    private DateTimeOffset _blockedUntil;

    public TimeSpan RetryAfter(DateTimeOffset now) => _blockedUntil > now ? _blockedUntil - now : TimeSpan.Zero;

    public void Failed(DateTimeOffset now)
    {
        _failures++;
        if (_failures < FreeFailures) return;
        var wait = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(_failures - FreeFailures + 1, 20)));
        _blockedUntil = now + (wait < MaxWait ? wait : MaxWait);
    }

    public void Succeeded()
    {
        _failures = 0;
        _blockedUntil = default;
    }
}
