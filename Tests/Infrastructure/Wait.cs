namespace OrleansChat.Tests.Infrastructure;

/// <summary>Waiting for events without sleeping: a task that completes when the event happens, or fails after a timeout.</summary>
public static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<T> For<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
    }

    public static async Task For(Task task, string what, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
    }
}
