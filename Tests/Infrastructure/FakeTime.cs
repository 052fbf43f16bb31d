using Microsoft.Extensions.Time.Testing;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>Drives a fake clock while waiting for something that a timer on that clock causes.</summary>
public static class FakeTime
{
    private static readonly TimeSpan StepWait = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/>, runs <paramref name="between"/>, and repeats until
    /// <paramref name="done"/> completes; returns how far the clock moved. Stepping, not one jump: a grain timer re-arms
    /// itself only once its callback has run on the grain's scheduler, so a jump could pass over a tick.
    /// </summary>
    public static async Task<TimeSpan> AdvanceUntilAsync(
        this FakeTimeProvider time, Task done, TimeSpan step, Func<Task> between, string what, int maxSteps = 500)
    {
        var start = time.GetUtcNow();
        for (var i = 0; i < maxSteps && !done.IsCompleted; i++)
        {
            time.Advance(step);
            await between();
            // What the tick set off runs on the silo's threads: await it for a moment of real time before the next step.
            await done.WaitAsync(StepWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await Wait.For(done, what);
        return time.GetUtcNow() - start;
    }
}
