namespace OrleansChat.Tests.Infrastructure;

/// <summary>Tasks that complete when a condition over recorded notifications holds: checked now and after each one.</summary>
public sealed class ConditionWaiters
{
    private readonly Lock _lock = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public Task Add(Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _waiters.Add((condition, done));
        Check();
        return Wait.For(done.Task, what);
    }

    public void Check()
    {
        List<(Func<bool> Condition, TaskCompletionSource Done)> waiters;
        lock (_lock) waiters = [.. _waiters];
        foreach (var waiter in waiters)
        {
            if (!waiter.Condition()) continue;
            waiter.Done.TrySetResult();
            lock (_lock) _waiters.Remove(waiter);
        }
    }
}
