namespace OrleansChat.Grains.Users;

/// <summary>
/// An idle user grain leaves memory after <see cref="UserLimitOptions.IdleDeactivation"/> rather than after Orleans'
/// collection age (15 minutes): a connected user who does nothing holds no activation. Everything it needs lives
/// elsewhere — its state in storage, its connections in the gateways' leases — except its budgets, so it stays while
/// one of them is not full again.
/// </summary>
public sealed partial class UserGrain : IIncomingGrainCallFilter
{
    private DateTimeOffset _lastCall;
    private int _running;

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        // Only calls of the user's contract are use: Orleans sends timer ticks (the idle check's own among them) and
        // extension calls through this filter too.
        if (context.InterfaceMethod?.DeclaringType != typeof(IUserGrain))
        {
            await context.Invoke();
            return;
        }
        // Calls (interleaving ones too) run one turn at a time on the grain's scheduler: no lock needed.
        _running++;
        try
        {
            await context.Invoke();
        }
        finally
        {
            _running--;
            _lastCall = time.GetUtcNow();
        }
    }

    private void StartIdleTimer()
    {
        var idle = limits.Value.IdleDeactivation;
        if (idle <= TimeSpan.Zero) return;
        _lastCall = time.GetUtcNow();
        this.RegisterGrainTimer(CheckIdle, new GrainTimerCreationOptions { DueTime = idle, Period = idle / 2, Interleave = true });
    }

    private Task CheckIdle(CancellationToken cancellationToken)
    {
        if (_running == 0 && time.GetUtcNow() - _lastCall >= limits.Value.IdleDeactivation && _budgets.AreFull()) DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
