namespace OrleansChat.Grains.Users;

/// <summary>
/// Slows down password guessing for one account without letting a stranger lock the owner out. Two counters:
/// <list type="bullet">
/// <item>per (account, client address): after <see cref="LoginOptions.FreeFailuresPerAddress"/> failures each further
/// attempt from that address waits twice as long as the last (2 s, 4 s ... up to <see cref="LoginOptions.MaxWaitPerAddress"/>);
/// a success from the address resets it. A guesser elsewhere does not slow the owner's own address down;</item>
/// <item>per account, from all addresses (a guesser with many addresses): past <see cref="LoginOptions.FreeFailuresPerAccount"/>
/// the same doubling up to <see cref="LoginOptions.MaxWaitPerAccount"/>, but only for addresses the owner has never
/// logged in from, so the owner's usual addresses keep working during such an attack.</item>
/// </list>
/// Attempts refused while waiting are not counted. Counts are forgotten <see cref="LoginOptions.FailureMemory"/> after
/// their last failure. The state is the user's persisted <see cref="LoginThrottleState"/>; the grain writes it after
/// every change.
/// </summary>
public sealed class LoginThrottle(LoginThrottleState state, LoginOptions options, TimeProvider time)
{
    /// <summary>How long <paramref name="address"/> must wait before its next attempt; zero if it may try now.</summary>
    public TimeSpan RetryAfter(string address)
    {
        var now = time.GetUtcNow();
        var wait = Remaining(state.ByAddress.GetValueOrDefault(address), now);
        if (!state.TrustedAddresses.Contains(address))
        {
            var accountWait = Remaining(state.Account, now);
            if (accountWait > wait) wait = accountWait;
        }
        return wait;
    }

    public void Failed(string address)
    {
        var now = time.GetUtcNow();
        Forget(now);
        if (!state.ByAddress.TryGetValue(address, out var failures))
        {
            if (state.ByAddress.Count >= options.MaxTrackedAddresses)
                state.ByAddress.Remove(state.ByAddress.MinBy(p => p.Value.LastFailure).Key);
            state.ByAddress[address] = failures = new LoginFailures();
        }
        Count(failures, now, options.FreeFailuresPerAddress, options.MaxWaitPerAddress);
        Count(state.Account, now, options.FreeFailuresPerAccount, options.MaxWaitPerAccount);
    }

    public void Succeeded(string address)
    {
        state.ByAddress.Remove(address);
        state.TrustedAddresses.Remove(address);
        state.TrustedAddresses.Add(address);
        if (state.TrustedAddresses.Count > options.MaxTrustedAddresses) state.TrustedAddresses.RemoveAt(0);
    }

    private static TimeSpan Remaining(LoginFailures? failures, DateTimeOffset now) =>
        failures is not null && failures.BlockedUntil > now ? failures.BlockedUntil - now : TimeSpan.Zero;

    private static void Count(LoginFailures failures, DateTimeOffset now, int free, TimeSpan maxWait)
    {
        failures.Count++;
        failures.LastFailure = now;
        if (failures.Count < free) return;
        var wait = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(failures.Count - free + 1, 20)));
        failures.BlockedUntil = now + (wait < maxWait ? wait : maxWait);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, failures) in state.ByAddress.ToList())
        {
            if (now - failures.LastFailure > options.FailureMemory) state.ByAddress.Remove(address);
        }
        if (state.Account.Count > 0 && now - state.Account.LastFailure > options.FailureMemory) state.Account = new LoginFailures();
    }
}
