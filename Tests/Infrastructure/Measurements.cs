namespace OrleansChat.Tests.Infrastructure;

/// <summary>Measured figures of a test run, appended to TestResults/measurements.txt, which scripts/test.sh prints.</summary>
public static class Measurements
{
    private static readonly Lock Gate = new();

    public static void Append(IEnumerable<string> lines)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrleansChat.sln"))) dir = dir.Parent;
        if (dir is null) return;
        var results = Path.Combine(dir.FullName, "TestResults");
        Directory.CreateDirectory(results);
        lock (Gate) File.AppendAllLines(Path.Combine(results, "measurements.txt"), lines);
    }
}
