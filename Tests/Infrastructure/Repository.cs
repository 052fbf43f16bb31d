using System.Diagnostics;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>The repository the tests run from, and running its scripts and programs to their exit.</summary>
public static class Repository
{
    /// <summary>The folder of <c>OrleansChat.sln</c>, found upwards from the test binaries; null when there is none.</summary>
    public static string? TryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrleansChat.sln"))) dir = dir.Parent;
        return dir?.FullName;
    }

    public static string Root => TryRoot() ?? throw new InvalidOperationException("No OrleansChat.sln above the test binaries.");

    /// <summary>Starts <paramref name="info"/> (its output redirected) and waits at most <paramref name="timeout"/> for its exit.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return (process.ExitCode, await output + await error);
    }
}
